package org.backbeat.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.backbeat.io.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a Groove MIDI Dataset {@code info.csv}: each MIDI file with its split and time signature. */
final class GmdIndex {

    private GmdIndex() {
    }

    static List<Dataset.Entry> read(Path dir) throws IOException {
        Path index = dir.resolve("info.csv");
        List<String> lines;
        try {
            lines = new String(InputFiles.read(index, 64 << 20, "a dataset index"), StandardCharsets.UTF_8).lines().toList();
        } catch (InputFiles.Refused e) {
            throw new IOException(index + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IOException("info.csv in " + dir + " is empty");
        }
        List<String> header = parseLine(lines.get(0));
        int file = header.indexOf("midi_filename");
        int split = header.indexOf("split");
        int signature = header.indexOf("time_signature");
        if (file < 0 || split < 0) {
            throw new IOException("info.csv in " + dir + " has no midi_filename/split columns: not a Groove MIDI Dataset index");
        }
        List<Dataset.Entry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = parseLine(lines.get(i));
            if (row.size() <= Math.max(file, split)) {
                throw new IOException("info.csv line " + (i + 1) + " has too few columns");
            }
            String relative = row.get(file);
            Split s;
            try {
                s = Split.parse(row.get(split));
            } catch (IllegalArgumentException e) {
                throw new IOException("info.csv line " + (i + 1) + ": " + e.getMessage());
            }
            String excluded = null;
            if (signature >= 0 && row.size() > signature && !row.get(signature).isBlank()
                && !row.get(signature).trim().equals("4-4")) {
                excluded = "not in 4/4 (" + row.get(signature).trim().replace('-', '/') + ", per info.csv)";
            }
            out.add(new Dataset.Entry(dir.resolve(relative), relative, s, excluded));
        }
        return out;
    }

    /** CSV with optional double quotes. */
    static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
