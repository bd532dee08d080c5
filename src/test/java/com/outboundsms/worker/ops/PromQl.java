package com.outboundsms.worker.ops;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression (or a Grafana {@code label_values} variable
 * query) selects, so that dashboards and alerts can be held to what the worker exports.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	// label matchers, range and subquery durations, and label lists of aggregations and
	// vector matching name labels, not metrics
	private static final Pattern NOT_METRICS = Pattern
		.compile("\\{[^}]*}|\\[[^\\]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("^\\s*label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{[^}]*})?\\s*,");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2");

	private PromQl() {
	}

	/**
	 * The metric names an expression selects.
	 * @param expression PromQL, possibly with Grafana's {@code $variables}
	 * @return the names, in order of appearance
	 */
	static Set<String> metricNames(String expression) {
		Matcher labelValues = LABEL_VALUES.matcher(expression);
		if (labelValues.find()) {
			return Set.of(labelValues.group(1));
		}
		String stripped = NOT_METRICS.matcher(STRING.matcher(expression).replaceAll("\"\"")).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifiers = IDENTIFIER.matcher(stripped);
		while (identifiers.find()) {
			String name = identifiers.group();
			if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
