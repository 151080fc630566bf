package org.backbeat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed card reads every shipped card and writes back the JSON it read. */
class ProvenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON text read back, so 3702 written from a long and read as an int compare equal. */
    private static com.fasterxml.jackson.databind.JsonNode json(Object o) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(o));
    }

    @Test
    void theShippedCardsReadTypedAndWriteBackTheSameJson() throws Exception {
        for (String name : new String[] {"default.bbm", "humanize.bbm", "drumify.bbm"}) {
            Path file = Path.of("models", name);
            if (!file.toFile().isFile()) {
                continue; // the shipped models are in the repository; a missing one is no provenance to check
            }
            ModelCard card = ModelFile.loadCard(file);
            Provenance p = card.provenance();
            assertEquals(json(card.training()), json(p.toMap()), name);
            if (name.equals("default.bbm")) {
                assertEquals("/work/shared/data/groove", p.data());
                assertEquals(500L, p.steps(), "the last run's steps (the card's description has the whole lineage)");
                assertEquals(15753, p.windows().train());
                assertEquals(512, p.batchSize());
                assertEquals("groovae_4bar", p.preset());
                assertEquals(1.0, p.hyperParameters().dropoutKeep());
                assertEquals(109.96620395725773, p.bestValidationLoss());
                assertEquals(Map.of(), p.other());
            }
        }
    }

    @Test
    void aKeyOfAnotherTypeReadsAsAbsentAndIsKeptAsStored() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", 7);
        m.put("steps", "many");
        m.put("source", "/somewhere");
        m.put("hyperParameters", Map.of("dropoutKeep", "high", "optimizer", "adam"));
        Provenance p = Provenance.of(m);
        assertNull(p.data());
        assertNull(p.steps());
        assertNull(p.hyperParameters().dropoutKeep());
        assertEquals(json(m), json(p.toMap()));
        assertEquals(Map.of(), Provenance.none().toMap());
    }
}
