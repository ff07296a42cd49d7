package dev.looptool.core.model;

/**
 * One replacement of a sample's label: the label before the change, in which iteration, why (the
 * verdict, e.g. LABEL_WRONG) and the judge's short analysis.
 */
public record LabelChange(int iteration, Label previous, String verdict, String reason) {}
