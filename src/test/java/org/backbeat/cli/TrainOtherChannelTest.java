package org.backbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import org.backbeat.TestData;
import org.backbeat.midi.MidiFiles;
import org.backbeat.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backbeat train --other-drum-channel}: a folder of DAW drum clips on channel 1. */
class TrainOtherChannelTest {

    @Test
    void channelOneClipsTrainOnlyWithTheFlag(@TempDir Path dir) throws Exception {
        Path clips = Files.createDirectories(dir.resolve("clips"));
        for (int i = 0; i < 6; i++) {
            Sequence clip = MidiFiles.toSequence(TestData.busyGroove(60 + i));
            for (var track : clip.getTracks()) {
                for (int e = 0; e < track.size(); e++) {
                    if (track.get(e).getMessage() instanceof ShortMessage m) {
                        m.setMessage(m.getCommand(), 0, m.getData1(), m.getData2());
                    }
                }
            }
            MidiSystem.write(clip, 1, clips.resolve("clip" + i + ".mid").toFile());
        }
        Path out = dir.resolve("m.bbm");
        String[] args = {"train", "--data", clips.toString(), "--out", out.toString(), "--preset", "quick", "--size",
            "small", "--steps", "2"};
        InspectCommandTest.Run without = InspectCommandTest.run(args);
        assertEquals(1, without.code(), without.err());
        assertTrue(without.err().contains("no 4-bar 4/4 drum windows to train on"), without.err());
        String[] with = java.util.Arrays.copyOf(args, args.length + 1);
        with[args.length] = "--other-drum-channel";
        InspectCommandTest.Run r = InspectCommandTest.run(with);
        assertEquals(0, r.code(), r.err());
        var training = ModelFile.load(out).card().training();
        assertEquals(6, ((Number) training.get("files")).intValue(), training.toString());
        assertEquals(true, training.get("otherDrumChannel"));
    }
}
