package io.handoffbench.harness.cli;

import picocli.CommandLine;

/** Reads {@code 5%} or {@code 0.05} as the fraction 0.05; 0 to 100%. */
public final class PercentConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String trimmed = value.trim();
        boolean percent = trimmed.endsWith("%");
        double number;
        try {
            number = Double.parseDouble(percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a percentage: use 5% or 0.05");
        }
        double fraction = percent ? number / 100 : number;
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not between 0% and 100%");
        }
        return fraction;
    }
}
