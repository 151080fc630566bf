package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundSettingsTest {

    @Test
    void roundTripsAndDefaultsWithoutAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sound.json");
        assertEquals(SoundSettings.defaults(), SoundSettings.load(f));
        SoundSettings s = SoundSettings.defaults().withSoundFont("/kits/jazz.sf2").withMidiPort("DAW in");
        s.save(f);
        assertEquals(s, SoundSettings.load(f));
        s.withMidiPort(null).save(f);
        assertEquals(new SoundSettings("/kits/jazz.sf2", null), SoundSettings.load(f));
        Files.writeString(f, "{\"format\":\"other\"}");
        assertThrows(IOException.class, () -> SoundSettings.load(f));
        Files.writeString(f, "{not json");
        assertThrows(IOException.class, () -> SoundSettings.load(f));
    }

    @Test
    void theOutputMenuOffersTheSynthesizerTheListedPortsAndThePortInUse() {
        assertEquals(Arrays.asList(null, "A", "B"), SoundSettings.defaults().outputChoices(List.of("A", "B")));
        assertEquals(Arrays.asList(null, "A", "B"), SoundSettings.defaults().withMidiPort("B").outputChoices(List.of("A", "B")));
        assertEquals(Arrays.asList(null, "A", "gone"), SoundSettings.defaults().withMidiPort("gone").outputChoices(List.of("A")));
    }

    @Test
    void aSoundFontLoadsOnlyIntoTheBuiltInSynthesizer() {
        assertEquals(Optional.empty(), SoundSettings.defaults().soundFontToLoad());
        SoundSettings jazz = SoundSettings.defaults().withSoundFont("/kits/jazz.sf2");
        assertEquals(Optional.of(Path.of("/kits/jazz.sf2")), jazz.soundFontToLoad());
        assertEquals(Optional.empty(), jazz.withMidiPort("DAW in").soundFontToLoad());
    }
}
