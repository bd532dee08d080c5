package com.outboundsms.worker.ops;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a Prometheus scrape of the worker shows: the names of its samples, with the
 * suffixes Prometheus gives them ({@code _total}, {@code _bucket}, {@code _count},
 * {@code _sum}, {@code _max}), which are the names queries select.
 *
 * @param text the scrape, in the Prometheus text format
 */
record Exposition(String text) {

	Set<String> sampleNames() {
		return this.text.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

	/**
	 * The sum of the samples of one name.
	 * @param name the sample name
	 * @return their sum, 0 when there is none
	 */
	double sum(String name) {
		return this.text.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
