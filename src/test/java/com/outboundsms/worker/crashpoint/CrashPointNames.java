package com.outboundsms.worker.crashpoint;

import java.util.Locale;
import java.util.Set;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;

/**
 * The names of the crash points, spelled in one place.
 */
final class CrashPointNames {

	static final String AFTER_CLAIM = "after-claim";

	static final String AFTER_OPEN = "after-open";

	static final String AFTER_RESULT_PUBLISH = "after-result-publish";

	static final String AFTER_DEAD_LETTER_PUBLISH = "after-dead-letter-publish";

	private CrashPointNames() {
	}

	/**
	 * The point after a checkpoint: {@code after-checkpoint:attempting-chat-channel} when
	 * the step is about to be tried, {@code after-checkpoint:made-chat-channel} once it
	 * is made.
	 */
	static String afterCheckpoint(OutreachProgress progress) {
		Set<Sid> attempted = progress.attempted();
		for (Sid kind : attempted) {
			if (!progress.has(kind)) {
				return "after-checkpoint:attempting-" + spelled(kind);
			}
		}
		Sid last = attempted.stream().max(Enum::compareTo).orElse(null);
		return "after-checkpoint:made-" + ((last != null) ? spelled(last) : "nothing");
	}

	static String beforeTwilio(String method, String endpoint) {
		return "before-twilio:" + method + " " + endpoint;
	}

	static String afterTwilio(String method, String endpoint) {
		return "after-twilio:" + method + " " + endpoint;
	}

	private static String spelled(Sid kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
