package org.heirloom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heirloom.profile.JudgeSummaries.Matchup;
import org.heirloom.stats.Estimate;

/**
 * Judge profiles: win, tie and loss rates of a model against its opponent, with 95% CIs, drawn from
 * {@link org.heirloom.profile.JudgeSummaries}.
 */
public final class JudgeFigures {

    private JudgeFigures() {}

    public static Figure figure(List<Matchup> matchups, ArmRoles roles) {
        List<ChartSpec.BarSeries> series = new ArrayList<>();
        for (Matchup m : matchups) {
            ArmRoles.Role r = roles.role(TrainingCurves.arm(m.model()));
            double[] v = new double[3];
            double[] lo = new double[3];
            double[] hi = new double[3];
            int[] n = new int[3];
            int i = 0;
            for (String k : List.of("win", "tie", "loss")) {
                Estimate e = m.rates().get(k);
                v[i] = 100 * e.value();
                lo[i] = 100 * e.low();
                hi[i] = 100 * e.high();
                n[i] = e.n();
                i++;
            }
            series.add(
                    new ChartSpec.BarSeries(
                            m.model() + " vs " + m.versus(), r.role(), r.index(), v, lo, hi, n));
        }
        return new Figure(
                "judge-win-rates",
                "judge: % of prompts each model wins, ties and loses against its opponent (a win"
                        + " needs the preference in both answer orders), with 95% CI",
                "judge",
                "win",
                new ChartSpec.Bars(
                        "Judge verdicts",
                        "% of prompts (95% CI)",
                        List.of("win", "tie", "loss"),
                        series));
    }

    public static Table table(List<Matchup> matchups) {
        List<List<String>> rows = new ArrayList<>();
        for (Matchup m : matchups) {
            List<String> row = new ArrayList<>(List.of(m.model(), m.versus(), m.judge()));
            for (String k : List.of("win", "tie", "loss")) {
                Estimate e = m.rates().get(k);
                row.add(
                        String.format(
                                Locale.ROOT,
                                "%.1f%% [%.1f, %.1f]",
                                100 * e.value(),
                                100 * e.low(),
                                100 * e.high()));
            }
            row.add(Integer.toString(m.rates().get("win").n()));
            rows.add(row);
        }
        return new Table(
                "Judge verdicts: % of prompts won, tied and lost against the opponent [95% CI]",
                List.of("model", "versus", "judge", "win", "tie", "loss", "prompts"), rows);
    }
}
