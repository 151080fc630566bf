package org.backbeat.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.backbeat.TestData;
import org.backbeat.groove.DrumMapping;
import org.backbeat.groove.Groove;
import org.backbeat.model.DecoderType;
import org.backbeat.model.FastGrooveModel;
import org.backbeat.model.ModelConfig;
import org.backbeat.model.ModelFileException;
import org.backbeat.model.ModelInitializer;
import org.backbeat.model.Task;
import org.backbeat.model.TaskModels;
import org.junit.jupiter.api.Test;

/** The Humanize tool without a window: its model on first use, its result one undo step in the session. */
class TaskToolTest {

    private static FastGrooveModel tiny(Task t) {
        ModelConfig c = new ModelConfig(16, 6, DecoderType.FLAT, List.of(16), 0, DrumMapping.ROLAND).withTask(t);
        return new FastGrooveModel(c, ModelInitializer.random(c, 4));
    }

    @Test
    void humanizedIsOneUndoableStepAndTheModelOpensOnce() throws Exception {
        FastGrooveModel m = tiny(Task.HUMANIZE);
        AtomicInteger opened = new AtomicInteger();
        TaskTool tool = new TaskTool(Task.HUMANIZE, () -> {
            opened.incrementAndGet();
            return m;
        });
        assertEquals(0, opened.get(), "nothing opened before the first use");
        assertTrue(Double.isNaN(tool.lastDecodeMillis()), "no time before the first use");
        StudioSession session = new StudioSession();
        StudioGroove start = new StudioGroove(TestData.busyGroove(3).withQpm(97), "opened", null);
        session.commit(start, true);
        StudioGroove h = tool.apply(session.current(), 0, 0);
        session.commit(session.current(), h, true);
        assertEquals(1, opened.get());
        Groove expected = TaskModels.humanize(m, List.of(start.groove()), 0, 0).get(0);
        for (int c = 0; c < Groove.CLASSES; c++) {
            assertTrue(!h.groove().hit(0, c) || h.groove().offset(0, c) >= 0, "nothing before the first beat");
        }
        assertEquals(start.groove().hitCount(), h.groove().hitCount(), "humanize keeps the pattern");
        assertEquals(org.backbeat.groove.GrooveTransforms.noHitBeforeTheFirstBeat(expected), h.groove());
        assertEquals(97, h.groove().qpm());
        assertNull(h.z(), "a z of the humanize model means nothing to the studio's model");
        assertEquals(2, session.history().size());
        tool.apply(session.current(), 0.5, 1);
        assertEquals(1, opened.get(), "opened once");
        assertTrue(tool.lastDecodeMillis() >= 0, "the tool's own model's time: " + tool.lastDecodeMillis());
        assertThrows(IllegalStateException.class, () -> tool.apply(new StudioGroove(Groove.empty(120), "empty", null), 0, 0));
        assertTrue(Double.isNaN(tool.lastDecodeMillis()), "a failed use reports no time");
        assertTrue(session.undo());
        assertEquals(start.groove(), session.current().groove());
    }

    @Test
    void anEmptyGridOrAModelOfAnotherTaskIsRefused() {
        TaskTool tool = new TaskTool(Task.HUMANIZE, () -> tiny(Task.DRUMIFY));
        IllegalStateException empty = assertThrows(IllegalStateException.class,
            () -> tool.apply(new StudioGroove(Groove.empty(120), "empty", null), 0, 0));
        assertEquals("the grid is empty: there is nothing to humanize", empty.getMessage());
        ModelFileException wrong = assertThrows(ModelFileException.class,
            () -> tool.apply(new StudioGroove(TestData.busyGroove(1), "g", null), 0, 0));
        assertEquals("the humanize tool's model is a drumify model, not a humanize model (train one with backbeat "
            + "train --task humanize)", wrong.getMessage());
    }

    @Test
    void aWarmUpOpensTheModelOnceAndAFailedOneSaysWhyAndLeavesTheToolUsable() throws Exception {
        FastGrooveModel m = tiny(Task.DRUMIFY);
        AtomicInteger opened = new AtomicInteger();
        TaskTool tool = new TaskTool(Task.DRUMIFY, () -> {
            if (opened.incrementAndGet() == 1) {
                throw new ModelFileException("drumify.bbm: not a Backbeat model file");
            }
            return m;
        });
        assertEquals("drumify.bbm: not a Backbeat model file", tool.warmUp());
        assertNull(tool.warmUp(), "the next warm-up opens it");
        assertEquals(2, opened.get());
        StudioGroove d = tool.apply(new StudioGroove(TestData.busyGroove(2), "taps", null), 0, 0);
        assertEquals(2, opened.get(), "the use after a warm-up does not open the file again");
        assertTrue(tool.lastDecodeMillis() >= 0);
    }
}
