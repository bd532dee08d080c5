package com.outboundsms.worker.enqueue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.outboundsms.worker.commandline.CommandArguments;
import com.outboundsms.worker.commandline.OneShotCommand;
import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.Lane;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code enqueue}, read from its arguments.
 *
 * @param file the file of requests; {@code null} only when {@code help} is asked for
 * @param format how the file is written; {@code null} only when {@code help} is asked for
 * @param rate the most messages to publish per second
 * @param batch the most messages published and not yet confirmed by the broker
 * @param dryRun whether to check every row and publish nothing
 * @param help whether only the usage was asked for
 * @param lane the lane the requests are published to: bulk unless told otherwise, since a
 * file of requests is a campaign nobody waits for row by row
 * @param campaignId the campaign id every row's request gets unless it names its own, or
 * {@code null} to leave the rows as they are
 * @param springArguments the {@code --name.with.dots=value} arguments, passed on to the
 * Spring environment ({@code --spring.rabbitmq.host=…}, {@code --outbound-sms.…})
 */
record EnqueueOptions(@Nullable Path file, @Nullable RequestFileFormat format, int rate, int batch, boolean dryRun,
		boolean help, Lane lane, @Nullable String campaignId,
		List<String> springArguments) implements OneShotCommand.Options {

	static final String COMMAND = "enqueue";

	static final int DEFAULT_RATE = 100;

	static final int DEFAULT_BATCH = 100;

	static final String USAGE = """
			usage: java -jar outbound-sms-worker.jar enqueue FILE [options] [--spring.property=value ...]

			Publishes every request of a CSV or JSON-lines file to the request exchange, once every
			row is valid; nothing is published when one is not. The requests go to the bulk lane
			(routing key request.bulk), whose consumers are not those of interactive requests.
			  --format=csv|jsonl  how FILE is written (default: from its extension, .csv, .jsonl or .ndjson)
			  --lane=bulk|interactive
			                      the lane to publish to (default bulk); interactive only for requests
			                      a person waits for
			  --campaign-id=ID    give every row's request this campaignId (1 to 64 characters of
			                      A-Z a-z 0-9 . _ : -) unless the row has its own
			  --rate=N            publish at most N messages per second (default 100)
			  --batch=N           at most N messages awaiting the broker's confirm at once (default 100)
			  --dry-run           check every row and print the summary; publish nothing
			  --help              print this
			""";

	/**
	 * Reads the arguments that follow the command's name.
	 * @param arguments the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is missing, unknown or
	 * invalid
	 */
	static EnqueueOptions parse(List<String> arguments) {
		CommandArguments read = new CommandArguments(arguments,
				Set.of("format", "rate", "batch", "dry-run", "help", "lane", "campaign-id"));
		List<String> plain = read.plain();
		if (plain.size() > 1) {
			throw new IllegalArgumentException("one file at a time: unexpected argument '" + plain.get(1) + "'");
		}
		Path file = plain.isEmpty() ? null : Path.of(plain.get(0));
		Optional<RequestFileFormat> format = read.value("format", RequestFileFormat::named);
		int rate = read.positive("rate", DEFAULT_RATE);
		int batch = read.positive("batch", DEFAULT_BATCH);
		boolean dryRun = read.flag("dry-run");
		boolean help = read.flag("help");
		Lane lane = read.value("lane", EnqueueOptions::lane).orElse(Lane.BULK);
		String campaignId = read.value("campaign-id", EnqueueOptions::campaignId).orElse(null);
		List<String> springArguments = read.springArguments();
		if (help) {
			return new EnqueueOptions(file, format.orElse(null), rate, batch, dryRun, true, lane, campaignId,
					List.copyOf(springArguments));
		}
		if (file == null) {
			throw new IllegalArgumentException("which file? give the file of requests to publish");
		}
		Path named = file;
		RequestFileFormat resolved = format.or(() -> RequestFileFormat.ofFileName(named.getFileName().toString()))
			.orElseThrow(() -> new IllegalArgumentException("cannot tell how " + named
					+ " is written from its extension: give --format=csv or --format=jsonl"));
		return new EnqueueOptions(file, resolved, rate, batch, dryRun, false, lane, campaignId,
				List.copyOf(springArguments));
	}

	private static Lane lane(String name) {
		for (Lane lane : Lane.values()) {
			if (lane.name().equalsIgnoreCase(name)) {
				return lane;
			}
		}
		throw new IllegalArgumentException("--lane must be bulk or interactive, was " + name);
	}

	private static String campaignId(String id) {
		if (!CampaignIds.isValid(id)) {
			throw new IllegalArgumentException("--campaign-id " + CampaignIds.RULE + ", was " + id);
		}
		return id;
	}

}
