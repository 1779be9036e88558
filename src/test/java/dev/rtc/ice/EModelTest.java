package dev.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** G.107's formulas, checked against numbers worked by hand. */
class EModelTest {
    @Test
    void rToMosFollowsG107() {
        // 1 + 0.035 R + R (R - 60) (100 - R) 7e-6
        // R 93.2: 1 + 3.262 + 93.2 * 33.2 * 6.8 * 7e-6 = 1 + 3.262 + 0.147285824
        assertThat(EModel.mos(93.2)).isCloseTo(4.409285824, within(1e-9));
        // R 50: 1 + 1.75 + 50 * (-10) * 50 * 7e-6 = 2.75 - 0.175
        assertThat(EModel.mos(50)).isCloseTo(2.575, within(1e-12));
        assertThat(EModel.mos(0)).isEqualTo(1);
        assertThat(EModel.mos(-5)).isEqualTo(1);
        assertThat(EModel.mos(100)).isEqualTo(4.5);
        assertThat(EModel.mos(120)).isEqualTo(4.5);
    }

    @Test
    void delayImpairmentIsZeroUpTo100MsThenG107sCurve() {
        assertThat(EModel.idd(0)).isZero();
        assertThat(EModel.idd(100)).isZero();
        // Ta 200 ms: X = lg(2) / lg(2) = 1; 25 (2^(1/6) - 3 (1 + 1/729)^(1/6) + 2)
        //          = 25 (1.1224620 - 3.0006855 + 2) = 25 * 0.1217766 = 3.04441
        assertThat(EModel.idd(200)).isCloseTo(3.04441, within(1e-5));
        // Ta 300 ms: X = lg 3 / lg 2 = 1.5849625; 25 ((1 + X^6)^(1/6) - 3 (1 + (X/3)^6)^(1/6) + 2) = 14.76069
        assertThat(EModel.idd(300)).isCloseTo(14.76069, within(1e-5));
    }

    @Test
    void lossImpairmentOfG711WithConcealment() {
        // Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl) with Ie 0, Bpl 25.1, BurstR 1
        assertThat(EModel.ieEff(0)).isZero();
        assertThat(EModel.ieEff(5)).isCloseTo(95 * 5 / 30.1, within(1e-12)); // 15.7807
        assertThat(EModel.ieEff(25.1)).isCloseTo(47.5, within(1e-12));
    }

    @Test
    void anEstimateCombinesHalfTheRoundTripAFrameAndTheJitterBuffer() {
        // 40 ms RTT, 0.5 ms jitter: Ta = 20 + 20 + 1 = 41 ms (no delay impairment); 5% loss:
        // R = 93.2 - 15.7807309 = 77.4192691, MOS = 1 + 2.7096744 + 77.4192691 * 17.4192691 * 22.5807309 * 7e-6
        assertThat(EModel.mouthToEarMs(40, 0.5)).isEqualTo(41);
        assertThat(EModel.estimate(40, 0.5, 5)).isCloseTo(3.92283899, within(1e-8));
        // no loss, short path: the model's best for G.711
        assertThat(EModel.estimate(2, 0.1, 0)).isCloseTo(4.409285824, within(1e-9));
        // 360 ms RTT, 10 ms jitter: Ta = 180 + 20 + 20 = 220 ms, past 100 ms, so less than the best
        assertThat(EModel.estimate(360, 10, 0)).isLessThan(EModel.mos(93.2 - EModel.idd(200)));
    }
}
