package org.backbeat.midi;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds Standard MIDI File bytes by hand, so tests can make exactly the damage they need. */
final class SmfBytes {

    private SmfBytes() {
    }

    static byte[] header(int format, int tracks, int division) {
        return new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, (byte) format, (byte) (tracks >> 8), (byte) tracks,
            (byte) (division >> 8), (byte) division};
    }

    static byte[] track(byte[] events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'T', 'r', 'k'});
        int n = events.length;
        out.writeBytes(new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n});
        out.writeBytes(events);
        return out.toByteArray();
    }

    static byte[] file(int format, int division, List<byte[]> trackEvents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(format, trackEvents.size(), division));
        for (byte[] t : trackEvents) {
            out.writeBytes(track(t));
        }
        return out.toByteArray();
    }

    static byte[] vlq(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] groups = new int[5];
        int n = 0;
        do {
            groups[n++] = (int) (v & 0x7F);
            v >>>= 7;
        } while (v > 0);
        for (int i = n - 1; i >= 0; i--) {
            out.write(groups[i] | (i > 0 ? 0x80 : 0));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] endOfTrack() {
        return new byte[] {0, (byte) 0xFF, 0x2F, 0};
    }

    /** Kick on every quarter for {@code bars} bars at 480 ppq on a channel (9 = drums), using running status. */
    static byte[] quarterKicks(int bars, int channel) {
        return quarterNotes(bars, channel, 36);
    }

    static byte[] quarterNotes(int bars, int channel, int pitch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte p = (byte) pitch;
        out.writeBytes(new byte[] {0, (byte) (0x90 | channel), p, 100});
        out.writeBytes(concat(vlq(60), new byte[] {p, 0}));        // running status: note-on vel 0 = off
        for (int i = 1; i < bars * 4; i++) {
            out.writeBytes(concat(vlq(420), new byte[] {p, 90}));
            out.writeBytes(concat(vlq(60), new byte[] {p, 0}));
        }
        out.writeBytes(endOfTrack());
        return out.toByteArray();
    }

    static byte[] timeSignature(int num, int denPow) {
        return new byte[] {0, (byte) 0xFF, 0x58, 4, (byte) num, (byte) denPow, 24, 8};
    }
}
