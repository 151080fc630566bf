package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
