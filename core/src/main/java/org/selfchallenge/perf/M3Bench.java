package org.selfchallenge.perf;

import java.util.ArrayList;
import java.util.List;
import org.selfchallenge.bench.m3.M3Task;
import org.selfchallenge.bench.m3.M3Tasks;
import org.selfchallenge.env.calculation.CalculationEnvironment;
import org.selfchallenge.env.web.WebEnvironment;
import org.selfchallenge.pyval.expr.LiteralEval;

/**
 * Throughput of the M3ToolEval port ({@code run(args)}, e.g. from {@code run.sh bench ...}): a mix of
 * calculation tool calls, calculator expressions, web browsing actions, fresh browsers, and the
 * answer checker, each timed by {@link EnvBench#measure} (median of timed batches after a warm-up);
 * {@code --seconds S} per measurement.
 */
public final class M3Bench {
    static final double DEFAULT_SECONDS = 1.0;

    private M3Bench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        double seconds = DEFAULT_SECONDS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds") && i + 1 < args.length) {
                try {
                    seconds = Double.parseDouble(args[++i]);
                } catch (NumberFormatException e) {
                    System.err.println("m3 bench: --seconds needs a number");
                    return 2;
                }
            } else {
                System.err.println("usage: m3 bench [--seconds S]");
                return 2;
            }
        }
        report(seconds);
        return 0;
    }

    /** One call per tool of the four domains with typical arguments (upstream task inputs). */
    static List<Object[]> calculationMix() {
        List<Object[]> mix = new ArrayList<>();
        mix.add(new Object[] {"convert_hex_to_ascii", List.of("7a686b7a686d666d686b")});
        mix.add(new Object[] {"reverse_string", List.of("zhkzhmfmhk")});
        mix.add(new Object[] {"caesar_decode", List.of("khmfmhzkhz", 5L)});
        mix.add(new Object[] {"string_length", List.of("fchahcufcu")});
        mix.add(new Object[] {"minimum_value", List.of(3L, 5L, 4L)});
        mix.add(new Object[] {"count_nucleotides", List.of("AGCTAGCCGATGCA")});
        mix.add(new Object[] {"transcribe_dna_to_mrna", List.of("AGCTAGCGTA")});
        mix.add(new Object[] {"translate_mrna_to_amino_acid", List.of("UCGAUCGCAU")});
        mix.add(new Object[] {"find_max_nucleotide", List.of("A", 4L, "G", 4L, "C", 4L, "T", 2L)});
        mix.add(new Object[] {"is_valid_dna_sequence", List.of("AGCTTX")});
        mix.add(new Object[] {"convert_currency", List.of(5000L, 1.5)});
        mix.add(new Object[] {"calculate_tariff", List.of(7500.0, 8L)});
        mix.add(new Object[] {"estimate_final_value", List.of(7500.0, 600.0)});
        mix.add(new Object[] {"find_maximum", List.of(695.5, 763.0, 624.0)});
        mix.add(new Object[] {"find_flights", List.of("\"E\"", "\"B\"", "2023-11-10")});
        mix.add(new Object[] {"book_hotel", List.of("\"B\"", "gym", "pool")});
        mix.add(new Object[] {"budget_calculator", List.of(450L, 120L, 5L)});
        mix.add(new Object[] {"sum", List.of(1050L, 615L)});
        return mix;
    }

    @SuppressWarnings("unchecked")
    static void report(double seconds) {
        CalculationEnvironment calc = (CalculationEnvironment) CalculationEnvironment.load();
        List<Object[]> mix = calculationMix();
        int[] k = {0};
        double toolNs = EnvBench.measure(seconds, () -> {
            Object[] c = mix.get(k[0]++ % mix.size());
            return calc.callPositional((String) c[0], (List<Object>) c[1]).hashCode();
        });
        System.out.printf("calculation tool call (mix of %d tools):     %s  (%.0f calls/s)%n", mix.size(), EnvBench.fmt(toolNs), 1e9 / toolNs);
        double calcNs = EnvBench.measure(seconds, () -> calc.callPositional("calculator",
                List.of("estimate_final_value(convert_currency(500, 1.3), calculate_tariff(convert_currency(500, 1.3), 7))")).hashCode());
        System.out.printf("calculator expression (nested tool calls):  %s%n", EnvBench.fmt(calcNs));
        double freshNs = EnvBench.measure(seconds, () -> WebEnvironment.create().stateHash().length() > 0 ? 1 : 0);
        System.out.printf("web: fresh browser + state hash:            %s%n", EnvBench.fmt(freshNs));
        WebEnvironment web = WebEnvironment.create();
        String[] walk = {"/products", "/products/wand", "/products/wand/legendary_wand", "/team", "/team/sales"};
        double webNs = EnvBench.measure(seconds, () -> {
            int i = k[0]++;
            Object r = switch (i % 4) {
                case 0 -> web.callPositional("click_url", List.of(walk[i % walk.length]));
                case 1 -> web.callPositional("scroll_down", List.of());
                case 2 -> web.callPositional("view", List.of());
                default -> web.callPositional("go_to_previous_page", List.of());
            };
            return r.hashCode();
        });
        System.out.printf("web action (click/scroll/view/back mix):    %s  (%.0f calls/s)%n", EnvBench.fmt(webNs), 1e9 / webNs);
        M3Tasks tasks = M3Tasks.get();
        List<M3Task> all = tasks.all();
        String[] answers = {"161", "380.42", "'Engineering'", "[36380.0, 48150.0, 68480.0]", "False", "The answer is 3"};
        double checkNs = EnvBench.measure(seconds, () -> {
            int i = k[0]++;
            M3Task t = all.get(i % all.size());
            return t.check(i % 7 == 0 ? t.expectedStr() : answers[i % answers.length]) ? 1 : 0;
        });
        System.out.printf("check_answer (mixed answers, 82 tasks):     %s  (%.0f checks/s)%n", EnvBench.fmt(checkNs), 1e9 / checkNs);
        double leNs = EnvBench.measure(seconds, () -> LiteralEval.eval("{'T': 1, 'A': 2, 'C': [2.5, (1, 'x')], 'G': -1j}").hashCode());
        System.out.printf("literal_eval of a small nested literal:     %s%n", EnvBench.fmt(leNs));
    }
}
