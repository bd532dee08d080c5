package com.outboundsms.worker.replay;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pass did: how many messages it examined, moved (or, in a dry run, would move)
 * and kept in the dead-letter queue, by error code, and the request ids it moved.
 */
final class ReplaySummary {

	private final boolean dryRun;

	private final Map<String, int[]> byErrorCode = new TreeMap<>();

	private final List<String> movedIds = new ArrayList<>();

	private long depth = -1;

	private int examined;

	private int moved;

	private int kept;

	ReplaySummary(boolean dryRun) {
		this.dryRun = dryRun;
	}

	void started(long depth) {
		this.depth = depth;
	}

	void moved(DeadLetteredMessage message) {
		this.examined++;
		this.moved++;
		this.movedIds.add(message.requestId());
		this.byErrorCode.computeIfAbsent(message.errorCode(), (code) -> new int[2])[0]++;
	}

	void kept(DeadLetteredMessage message) {
		this.examined++;
		this.kept++;
		this.byErrorCode.computeIfAbsent(message.errorCode(), (code) -> new int[2])[1]++;
	}

	int examined() {
		return this.examined;
	}

	/**
	 * The messages moved, or in a dry run the messages that would have moved.
	 * @return the count
	 */
	int moved() {
		return this.moved;
	}

	int kept() {
		return this.kept;
	}

	List<String> movedIds() {
		return List.copyOf(this.movedIds);
	}

	void print(PrintStream out) {
		if (this.depth < 0) {
			// the queue could not be read: nothing was examined
			return;
		}
		String verb = this.dryRun ? "would move" : "moved";
		out.printf("%s: %d messages in the dead-letter queue at the start%n",
				this.dryRun ? "Dry run, nothing changed" : "Replay", this.depth);
		out.printf("examined %d, %s %d, kept %d%n", this.examined, verb, this.moved, this.kept);
		this.byErrorCode
			.forEach((code, counts) -> out.printf("  %-28s %s %d, kept %d%n", code, verb, counts[0], counts[1]));
		if (this.dryRun && !this.movedIds.isEmpty()) {
			out.println("request ids that would move:");
			this.movedIds.forEach((id) -> out.println("  " + id));
		}
	}

}
