package com.outboundsms.worker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's table: one row per figure with what was measured, the goal and whether
 * it was met; printed and written as Markdown.
 */
final class BenchmarkReport {

	private final String title;

	BenchmarkReport(String title) {
		this.title = title;
	}

	private final List<String> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	void row(String figure, String measured, String goal, Boolean met) {
		this.rows.add("| " + figure + " | " + measured + " | " + goal + " | "
				+ ((met == null) ? "—" : (met ? "yes" : "**no**")) + " |");
	}

	void note(String note) {
		this.notes.add(note);
	}

	String markdown() {
		StringBuilder text = new StringBuilder("# " + this.title + "\n\n");
		text.append("| figure | measured | goal | met |\n| --- | --- | --- | --- |\n");
		this.rows.forEach((row) -> text.append(row).append('\n'));
		text.append('\n');
		this.notes.forEach((note) -> text.append("- ").append(note).append('\n'));
		return text.toString();
	}

	void write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, markdown());
	}

}
