import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.backbeat.groove.Groove;
import org.backbeat.midi.MidiFiles;
import org.backbeat.midi.MidiScan;
import org.backbeat.midi.ReadOptions;

/**
 * Counts a Groove MIDI Dataset folder's 4-bar windows per info.csv split, the ways Magenta and
 * Backbeat cut them (docs/data.md). It only counts; nothing is trained or evaluated.
 *
 *     mvn -q -DskipTests package
 *     java -cp "target/classes:target/lib/*" bench/CountWindows.java ../shared/data/groove
 */
public class CountWindows {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/groove");
        List<String> lines = Files.readAllLines(dir.resolve("info.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int file = header.indexOf("midi_filename");
        int split = header.indexOf("split");
        int signature = header.indexOf("time_signature");
        Map<String, long[]> counts = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(","); // GMD's info.csv has no quoted commas
            if (!row[signature].equals("4-4")) {
                continue;
            }
            long[] k = counts.computeIfAbsent(row[split], s -> new long[7]);
            MidiScan hop4 = MidiFiles.scan(dir.resolve(row[file]), ReadOptions.training().withHopBars(4));
            MidiScan hop1 = MidiFiles.scan(dir.resolve(row[file]), ReadOptions.training().withHopBars(1));
            int n4 = hop4.windows().size();
            k[0] += hop4.ok() ? 1 : 0;
            k[1] += hop1.windows().size();
            k[2] += hop1.windows().stream().filter(CountWindows::hitInLastBar).count();
            k[3] += n4;
            k[4] += Math.min(20, n4); // GrooveConverter's max_tensors_per_notesequence = 20
            k[5] += n4 > 20 ? 1 : 0;
            k[6] += hop1.windows().stream().filter(g -> g.hitCount() >= 8).count();
        }
        System.out.println("split: files with windows | hop 1 | hop 1, >= 8 hits | hop 1, a note in bar 4 | hop 4 "
            + "| hop 4, <= 20 a file (files over 20)");
        counts.forEach((s, k) -> System.out.printf("%s: %d | %d | %d | %d | %d | %d (%d)%n",
            s, k[0], k[1], k[6], k[2], k[3], k[4], k[5]));
    }

    /** Whether a note starts in the window's 4th bar: GrooveConverter needs one to make 64 steps of a 4-bar chunk. */
    static boolean hitInLastBar(Groove g) {
        for (int s = 48; s < Groove.STEPS; s++) {
            for (int c = 0; c < Groove.CLASSES; c++) {
                if (g.hit(s, c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
