package org.selfchallenge.env.calculation;

import java.util.List;

/**
 * The four M3ToolEval calculation domains, each with its upstream tool list in upstream order
 * ({@code CUR_TOOLS} of {@code tasks/impl/*.py}).
 */
public enum CalculationDomain {
    MESSAGE_DECODER("message_decoder"),
    DNA_SEQUENCER("cryptobotanists_plant_dna_sequencer"),
    TRADE_CALCULATOR("trade_calculator"),
    TRAVEL_ITINERARY_PLANNING("travel_itinerary_planning");

    private final String id;

    CalculationDomain(String id) {
        this.id = id;
    }

    /** Upstream name, the prefix of the task names ({@code message_decoder/...}). */
    public String id() {
        return id;
    }

    public static CalculationDomain byId(String id) {
        for (CalculationDomain d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown calculation domain '" + id + "'; valid: message_decoder, "
                + "cryptobotanists_plant_dna_sequencer, trade_calculator, travel_itinerary_planning");
    }

    /** New tool instances in upstream order (tools are stateless; one set per environment). */
    List<PyTool> createTools() {
        switch (this) {
            case MESSAGE_DECODER:
                return List.of(new ConvertHexToAsciiTool(), new ReverseStringTool(), new CaesarDecodeTool(),
                        new StringLengthTool(), new MinimumValueTool(), new MaximumValueTool());
            case DNA_SEQUENCER:
                return List.of(new CountNucleotidesTool(), new TranscribeDnaToMrnaTool(),
                        new TranslateMrnaToAminoAcidTool(), new FindMaxNucleotideTool(), new IsValidDnaSequenceTool(),
                        new ReverseTranscribeMrnaToDnaTool());
            case TRADE_CALCULATOR: {
                PyTool convert = new ConvertCurrencyTool();
                PyTool tariff = new CalculateTariffTool();
                PyTool fin = new EstimateFinalValueTool();
                PyTool min = new FindMinimumTool();
                PyTool max = new FindMaximumTool();
                // eval() inside calculator sees the module's functions
                CalculatorTool calc = new CalculatorTool().withModuleFunctions(List.of(convert, tariff, fin, min, max));
                return List.of(convert, tariff, fin, calc, min, max);
            }
            case TRAVEL_ITINERARY_PLANNING:
            default: {
                TravelData data = TravelData.get();
                return List.of(new FindFlightsTool(data), new BookHotelTool(data), new BudgetCalculatorTool(),
                        new MaxTool(), new MinTool(), new SumTool());
            }
        }
    }
}
