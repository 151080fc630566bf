package org.backbeat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.backbeat.model.DecoderType;
import org.junit.jupiter.api.Test;

class TrainingPlanTest {

    private static final TrainingOptions STANDARD = TrainingOptions.preset("standard", DecoderType.FLAT);

    @Test
    void stepsWinOverEpochsAndMinutesAloneMakeATimeOnlyBudget() {
        // 1,000 training windows at batch 64: 2.5 epochs are ceil(39.06) = 40 steps
        assertEquals(40, new TrainingJob.Budget(null, 2.5, null).totalSteps(5000, 1000, 64));
        assertEquals(7, new TrainingJob.Budget(7L, 2.5, 30.0).totalSteps(5000, 1000, 64));
        assertEquals(0, new TrainingJob.Budget(null, null, 30.0).totalSteps(5000, 1000, 64));
        assertEquals(30.0, new TrainingJob.Budget(null, null, 30.0).minuteLimit());
        assertEquals(5000, TrainingJob.Budget.PRESET.totalSteps(5000, 1000, 64));
        assertEquals(0.0, TrainingJob.Budget.PRESET.minuteLimit());
    }

    @Test
    void aZeroNegativeOrNanBudgetIsRefusedNotTakenAsNoBudget() {
        // each of these once meant "no limit": the run trained until killed
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(0L, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(-5L, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(null, Double.NaN, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(null, 0.0, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(null, null, -1.0));
        assertThrows(IllegalArgumentException.class, () -> new TrainingJob.Budget(null, null, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> STANDARD.withBudget(0, 0));
        assertThrows(IllegalArgumentException.class, () -> STANDARD.withBudget(-5, 0));
        assertThrows(IllegalArgumentException.class, () -> STANDARD.withBudget(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> STANDARD.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> STANDARD.withDropoutKeep(0));
        assertThrows(IllegalArgumentException.class,
            () -> TrainingJob.Plan.of(Path.of("in"), Path.of("out.bbm")).withValidationShare(Double.NaN));
        // a tiny epoch budget is still at least one step
        assertEquals(1, new TrainingJob.Budget(null, 1e-9, null).totalSteps(5000, 1000, 64));
    }

    @Test
    void withStepsKeepsTheTimeLimit() {
        TrainingJob.Plan plan = TrainingJob.Plan.of(Path.of("in"), Path.of("out.bbm"))
            .withBudget(new TrainingJob.Budget(null, 3.0, 20.0)).withSteps(100);
        assertEquals(new TrainingJob.Budget(100L, 3.0, 20.0), plan.budget());
    }

    @Test
    void overridesChangeOnlyWhatIsGiven() {
        assertEquals(STANDARD, TrainingJob.Overrides.NONE.applyTo(STANDARD));
        TrainingOptions o = TrainingJob.Overrides.NONE.withBatch(16).withDropoutKeep(0.5).withValidateEvery(7)
            .withAugmentation(Augmentation.DEFAULT).withWeightAverage(0.0).withLearningRate(2e-4).applyTo(STANDARD);
        assertEquals(16, o.batchSize());
        assertEquals(0.5, o.dropoutKeep());
        assertEquals(7, o.validateEverySteps());
        assertSame(Augmentation.DEFAULT, o.augmentation());
        assertEquals(0.0, o.weightAverageDecay());
        assertEquals(2e-4, o.learningRate());
        assertEquals(STANDARD.maxSteps(), o.maxSteps());
        assertEquals(STANDARD.model(), o.model());
        assertThrows(IllegalArgumentException.class,
            () -> TrainingJob.Overrides.NONE.withLearningRate(-1.0).applyTo(STANDARD));
    }
}
