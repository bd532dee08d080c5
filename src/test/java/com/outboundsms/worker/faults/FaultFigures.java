package com.outboundsms.worker.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's figures, printed as a table: what went in, what came out, what was lost or made
 * twice, and the state the run ended in.
 */
final class FaultFigures {

	private final String run;

	private final Map<String, String> rows = new LinkedHashMap<>();

	FaultFigures(String run) {
		this.run = run;
	}

	FaultFigures put(String figure, Object value) {
		this.rows.put(figure, String.valueOf(value));
		return this;
	}

	String table() {
		int width = Math.max(6, this.rows.keySet().stream().mapToInt(String::length).max().orElse(0));
		StringBuilder table = new StringBuilder();
		table.append("\n### ").append(this.run).append("\n\n");
		table.append(String.format("| %-" + width + "s | %s |%n", "figure", "value"));
		table.append("| ").append("-".repeat(width)).append(" | --- |\n");
		this.rows.forEach((figure, value) -> table.append(String.format("| %-" + width + "s | %s |%n", figure, value)));
		return table.toString();
	}

	/**
	 * A percentile of integers.
	 * @param values the values
	 * @param percentile from 0 to 100
	 * @return the value at the percentile, 0 for no values
	 */
	static int percentile(List<Integer> values, double percentile) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Integer> sorted = new ArrayList<>(values);
		sorted.sort(Integer::compare);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
