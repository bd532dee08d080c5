package com.outboundsms.worker.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.outboundsms.worker.commandline.CommandArguments;
import com.outboundsms.worker.commandline.OneShotCommand;

import org.springframework.boot.convert.DurationStyle;

/**
 * The options of {@code replay-dead-letters}, read from its arguments.
 *
 * @param filter which messages to move
 * @param limit the most messages to move (or, in a dry run, to list)
 * @param rate the most messages to move per second
 * @param dryRun whether to list what would move without moving anything
 * @param help whether only the usage was asked for
 * @param springArguments the {@code --name.with.dots=value} arguments, passed on to the
 * Spring environment ({@code --spring.rabbitmq.host=…}, {@code --outbound-sms.…})
 */
record ReplayOptions(ReplayFilter filter, int limit, int rate, boolean dryRun, boolean help,
		List<String> springArguments) implements OneShotCommand.Options {

	static final String COMMAND = "replay-dead-letters";

	static final int DEFAULT_RATE = 50;

	static final String USAGE = """
			usage: java -jar outbound-sms-worker.jar replay-dead-letters [options] [--spring.property=value ...]

			Moves messages from the dead-letter queue back to the request exchange, each in the lane it
			came in (bulk or interactive).
			  --error-code=CODE[,CODE...]  only these x-error-code values (broker:<reason> for the
			                               broker's own dead letters, e.g. broker:delivery_limit)
			  --older-than=DURATION        only messages dead-lettered at least this long ago (1h, 30m, 2d)
			  --newer-than=DURATION        only messages dead-lettered less than this long ago
			  --limit=N                    move at most N messages
			  --rate=N                     move at most N messages per second (default 50)
			  --dry-run                    list what would move; change nothing
			  --help                       print this
			""";

	/**
	 * Reads the arguments that follow the command's name.
	 * @param arguments the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is unknown or invalid
	 */
	static ReplayOptions parse(List<String> arguments) {
		CommandArguments read = new CommandArguments(arguments,
				Set.of("error-code", "older-than", "newer-than", "limit", "rate", "dry-run", "help"));
		if (!read.plain().isEmpty()) {
			throw new IllegalArgumentException("unexpected argument '" + read.plain().get(0) + "'");
		}
		Set<String> errorCodes = new LinkedHashSet<>();
		read.values("error-code").forEach((value) -> errorCodes.addAll(codes(value)));
		Optional<Duration> olderThan = read.value("older-than", (value) -> duration("older-than", value));
		Optional<Duration> newerThan = read.value("newer-than", (value) -> duration("newer-than", value));
		int limit = read.positive("limit", Integer.MAX_VALUE);
		int rate = read.positive("rate", DEFAULT_RATE);
		boolean dryRun = read.flag("dry-run");
		boolean help = read.flag("help");
		List<String> springArguments = read.springArguments();
		if (olderThan.isPresent() && newerThan.isPresent() && newerThan.get().compareTo(olderThan.get()) <= 0) {
			throw new IllegalArgumentException("--newer-than must be longer than --older-than, or no message matches");
		}
		ReplayFilter filter = new ReplayFilter(Set.copyOf(errorCodes), olderThan.orElse(null), newerThan.orElse(null));
		return new ReplayOptions(filter, limit, rate, dryRun, help, List.copyOf(springArguments));
	}

	private static List<String> codes(String value) {
		List<String> codes = new ArrayList<>();
		for (String code : value.split(",")) {
			if (!code.isBlank()) {
				codes.add(code.trim());
			}
		}
		return codes;
	}

	private static Duration duration(String name, String value) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + name + " is not a duration (1h, 30m, 2d, PT1H): " + value, ex);
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("--" + name + " must be positive, was " + value);
		}
		return duration;
	}

}
