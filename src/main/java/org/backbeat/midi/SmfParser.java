package org.backbeat.midi;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict, small Standard MIDI File parser. {@code javax.sound.midi} accepts some broken files
 * silently and rejects others with messages like "Invalid MIDI file"; Backbeat needs a precise
 * one-line reason for every bad file (a batch of thousands must say which file is wrong and why),
 * bounded work on hostile input, and only the events that matter for drums. So: chunk walk,
 * variable-length numbers, running status, meta and sysex skipping, every length checked against
 * what is left.
 */
final class SmfParser {

    /** Longest music accepted, in quarter notes: beyond it a delta time is taken as damage. */
    static final long MAX_QUARTERS = 4L * 20_000;
    static final int MAX_FILE_BYTES = 64 << 20;
    /** Most note-ons read from one file (the longest GMD performance has a few thousand). */
    static final int MAX_NOTES = 1_000_000;
    /** The fastest tempo a file may set: 1,000 qpm (60,000 microseconds a quarter note). */
    static final int MAX_QPM = 1_000;
    static final int MIN_MICROS_PER_QUARTER = 60_000_000 / MAX_QPM;

    record Note(long tick, int channel, int pitch, int velocity, int order) {
    }

    record Tempo(long tick, int microsPerQuarter) {
    }

    record TimeSignature(long tick, int numerator, int denominator) {
    }

    /** {@code endTick}: the last event of any track (usually an end-of-track), the music's length. */
    record Content(int format, int ticksPerQuarter, List<Note> notes, List<Tempo> tempos,
                   List<TimeSignature> timeSignatures, long endTick) {
    }

    private final byte[] b;
    private int pos;
    private long endTick;

    private SmfParser(byte[] bytes) {
        this.b = bytes;
    }

    static Content parse(byte[] bytes) throws MidiReadException {
        if (bytes.length == 0) {
            throw new MidiReadException("empty file");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new MidiReadException("file too large for a MIDI file (" + (bytes.length >> 20) + " MB)");
        }
        return new SmfParser(bytes).parse();
    }

    private Content parse() throws MidiReadException {
        if (b.length < 4 || !chunkIdIs(0, "MThd")) {
            if (b.length >= 4 && chunkIdIs(0, "RIFF")) {
                throw new MidiReadException("RIFF MIDI (.rmi) is not supported; export a Standard MIDI File");
            }
            throw new MidiReadException("not a MIDI file (no MThd header)");
        }
        if (b.length < 14) {
            throw new MidiReadException("truncated header (" + b.length + " bytes)");
        }
        long headerLength = u32(4);
        if (headerLength < 6 || headerLength > b.length - 8) {
            throw new MidiReadException("bad header length " + headerLength);
        }
        int format = u16(8);
        int trackCount = u16(10);
        int division = u16(12);
        if (format == 2) {
            throw new MidiReadException("MIDI type 2 (independent patterns) is not supported");
        }
        if (format > 2) {
            throw new MidiReadException("unknown MIDI file type " + format);
        }
        if ((division & 0x8000) != 0) {
            throw new MidiReadException("SMPTE time division is not supported (needs ticks per quarter note)");
        }
        if (division == 0) {
            throw new MidiReadException("bad time division: 0 ticks per quarter note");
        }
        pos = (int) (8 + headerLength);
        List<Note> notes = new ArrayList<>();
        List<Tempo> tempos = new ArrayList<>();
        List<TimeSignature> signatures = new ArrayList<>();
        int tracksRead = 0;
        int[] order = {0};
        while (pos < b.length && tracksRead < trackCount) {
            if (b.length - pos < 8) {
                throw new MidiReadException("truncated chunk header after track " + tracksRead);
            }
            boolean isTrack = chunkIdIs(pos, "MTrk");
            if (!isTrack && !printable(pos)) {
                throw new MidiReadException("damaged file: garbage where track " + (tracksRead + 1) + " should start");
            }
            long length = u32(pos + 4);
            int start = pos + 8;
            if (length > b.length - start) {
                throw new MidiReadException((isTrack ? "truncated track " + (tracksRead + 1) : "truncated chunk")
                    + ": chunk says " + length + " bytes, " + (b.length - start) + " left");
            }
            int end = (int) (start + length);
            if (isTrack) {
                readTrack(start, end, tracksRead, notes, tempos, signatures, order, division);
                tracksRead++;
            }
            pos = end;
        }
        if (tracksRead < trackCount) {
            throw new MidiReadException("truncated file: header promises " + trackCount + " tracks, found " + tracksRead);
        }
        notes.sort((x, y) -> x.tick != y.tick ? Long.compare(x.tick, y.tick) : Integer.compare(x.order, y.order));
        tempos.sort((x, y) -> Long.compare(x.tick, y.tick));
        signatures.sort((x, y) -> Long.compare(x.tick, y.tick));
        return new Content(format, division, notes, tempos, signatures, endTick);
    }

    private void readTrack(int start, int end, int track, List<Note> notes, List<Tempo> tempos,
                           List<TimeSignature> signatures, int[] order, int ticksPerQuarter) throws MidiReadException {
        int p = start;
        long tick = 0;
        int status = 0;
        long maxTick = MAX_QUARTERS * ticksPerQuarter;
        String where = "track " + (track + 1);
        while (p < end) {
            // delta time: at most 4 bytes
            long delta = 0;
            int n = 0;
            int c;
            do {
                if (p >= end) {
                    throw new MidiReadException("truncated " + where + " (in a delta time)");
                }
                c = b[p++] & 0xFF;
                delta = (delta << 7) | (c & 0x7F);
                if (++n > 4) {
                    throw new MidiReadException("damaged " + where + ": delta time longer than 4 bytes");
                }
            } while ((c & 0x80) != 0);
            tick += delta;
            endTick = Math.max(endTick, tick);
            if (tick > maxTick) {
                throw new MidiReadException("enormous delta time in " + where + ": an event lies "
                    + (tick / ticksPerQuarter / 4) + " bars in (more than " + (MAX_QUARTERS / 4) + ")");
            }
            if (p >= end) {
                throw new MidiReadException("truncated " + where + " (event missing after a delta time)");
            }
            int first = b[p] & 0xFF;
            if (first == 0xFF) {
                p++;
                if (p >= end) {
                    throw new MidiReadException("truncated " + where + " (in a meta event)");
                }
                int type = b[p++] & 0xFF;
                long[] len = vlq(p, end, where);
                p = (int) len[1];
                if (len[0] > end - p) {
                    throw new MidiReadException("truncated " + where + ": meta event runs past the track end");
                }
                int dataAt = p;
                p += (int) len[0];
                if (type == 0x51 && len[0] >= 3) {
                    int us = ((b[dataAt] & 0xFF) << 16) | ((b[dataAt + 1] & 0xFF) << 8) | (b[dataAt + 2] & 0xFF);
                    if (us > 0 && us < MIN_MICROS_PER_QUARTER) {
                        // 1 us a quarter used to be read as 6.0E7 qpm and written back as such
                        throw new MidiReadException(where + " has a tempo of " + us + " microseconds per quarter note ("
                            + Math.round(60_000_000.0 / us) + " qpm; at most " + MAX_QPM + " qpm is a tempo)");
                    }
                    if (us > 0) {
                        tempos.add(new Tempo(tick, us));
                    }
                } else if (type == 0x58 && len[0] >= 2) {
                    int num = b[dataAt] & 0xFF;
                    int denPow = b[dataAt + 1] & 0xFF;
                    if (num > 0 && denPow < 8) {
                        signatures.add(new TimeSignature(tick, num, 1 << denPow));
                    }
                } else if (type == 0x2F) {
                    return; // end of track: ignore anything after it
                }
                status = 0; // meta events cancel running status
            } else if (first == 0xF0 || first == 0xF7) {
                p++;
                long[] len = vlq(p, end, where);
                p = (int) len[1];
                if (len[0] > end - p) {
                    throw new MidiReadException("truncated " + where + ": sysex runs past the track end");
                }
                p += (int) len[0];
                status = 0;
            } else {
                if ((first & 0x80) != 0) {
                    status = first;
                    p++;
                } else if (status == 0) {
                    throw new MidiReadException("damaged " + where + ": data byte without a status (bad running status)");
                }
                int kind = status & 0xF0;
                int dataBytes = (kind == 0xC0 || kind == 0xD0) ? 1 : 2;
                if (status >= 0xF0) {
                    throw new MidiReadException("damaged " + where + ": unexpected system message 0x"
                        + Integer.toHexString(status));
                }
                if (end - p < dataBytes) {
                    throw new MidiReadException("truncated " + where + " (in a channel event)");
                }
                int d1 = b[p] & 0x7F;
                int d2 = dataBytes == 2 ? b[p + 1] & 0x7F : 0;
                p += dataBytes;
                if (kind == 0x90 && d2 > 0) {
                    if (notes.size() >= MAX_NOTES) {
                        // 20 M note-ons in a 60 MB file took 3.5-4 GB before; no drum file is near this
                        throw new MidiReadException("more than " + MAX_NOTES + " notes: too many for a drum file");
                    }
                    notes.add(new Note(tick, status & 0x0F, d1, d2, order[0]++));
                }
            }
        }
    }

    /** Returns {value, next position}. */
    private long[] vlq(int p, int end, String where) throws MidiReadException {
        long v = 0;
        int n = 0;
        int c;
        do {
            if (p >= end) {
                throw new MidiReadException("truncated " + where + " (in a length)");
            }
            c = b[p++] & 0xFF;
            v = (v << 7) | (c & 0x7F);
            if (++n > 4) {
                throw new MidiReadException("damaged " + where + ": length longer than 4 bytes");
            }
        } while ((c & 0x80) != 0);
        return new long[] {v, p};
    }

    private boolean chunkIdIs(int at, String id) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean printable(int at) {
        for (int i = 0; i < 4; i++) {
            int c = b[at + i] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private int u16(int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private long u32(int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
