package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.commandline.OneShotCommand;
import com.outboundsms.worker.enqueue.RequestFile.FileChanged;
import com.outboundsms.worker.enqueue.RequestFile.FileCheck;
import com.outboundsms.worker.inbound.CampaignTotals;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.inbound.RequestValidator;
import com.outboundsms.worker.pacing.Pacer;
import com.outboundsms.worker.pacing.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code enqueue} command: reads its options, starts a context with only the broker
 * connection and the request side's settings, checks every row of the file, publishes
 * them all to the bulk lane (or the one asked for) when every one is valid, prints the
 * summary and answers the exit status (0 every row confirmed, or valid in a dry run; 1
 * otherwise; 2 bad arguments).
 */
public final class EnqueueCommand {

	private static final OneShotCommand<EnqueueOptions> COMMAND = new OneShotCommand<>(EnqueueOptions.COMMAND,
			EnqueueOptions.USAGE, EnqueueOptions::parse, EnqueueConfiguration.class,
			"spring.rabbitmq.publisher-confirm-type=correlated", "spring.rabbitmq.publisher-returns=true");

	/** A refused, returned or unconfirmed message is published at most this often. */
	private static final int MAX_ATTEMPTS = 3;

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

	private EnqueueCommand() {
	}

	/**
	 * Whether the arguments ask for this command rather than the worker.
	 * @param args the program's arguments
	 * @return {@code true} when the first is {@code enqueue}
	 */
	public static boolean isInvokedBy(String[] args) {
		return COMMAND.isInvokedBy(args);
	}

	/**
	 * Runs the command.
	 * @param args the program's arguments, starting with {@code enqueue}
	 * @param out where the summary goes
	 * @param err where progress, errors and the usage go
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		// Java 17 cannot ask about standard error
		// alone; a console means an interactive session
		return run(args, out, err, Ticker.system(), System.console() != null);
	}

	static int run(String[] args, PrintStream out, PrintStream err, Ticker ticker, boolean terminal) {
		return COMMAND.run(args, out, err, (options) -> {
			if (!Files.isRegularFile(options.file()) || !Files.isReadable(options.file())) {
				return COMMAND.refused(err, "cannot read " + options.file());
			}
			try (ConfigurableApplicationContext context = COMMAND.context(options)) {
				return enqueue(context, options, out, err, ticker, terminal);
			}
			catch (IOException ex) {
				return COMMAND.failed(err, "cannot read " + options.file() + ": " + ex.getMessage());
			}
			catch (AmqpException | IllegalStateException ex) {
				return COMMAND.failed(err, ex.getMessage() + "; nothing was published");
			}
		});
	}

	private static int enqueue(ConfigurableApplicationContext context, EnqueueOptions options, PrintStream out,
			PrintStream err, Ticker ticker, boolean terminal) throws IOException {
		InboundProperties inbound = context.getBean(InboundProperties.class);
		CampaignStamp stamp = (options.campaignId() != null)
				? new CampaignStamp(options.format().rows(), options.campaignId()) : null;
		RowSource rows = (stamp != null) ? stamp : options.format().rows();
		RequestFile file = new RequestFile(options.file(), rows, RequestValidator.of(inbound));
		long started = ticker.nanoTime();
		FileCheck check = file.check();
		if (!check.invalid().isEmpty() || options.dryRun()) {
			EnqueueSummary summary = new EnqueueSummary(options.file().toString(), options.format(), options.dryRun(),
					check.rows(), check.invalid(), 0, 0, List.of(), 0, elapsed(ticker, started));
			summary.print(out);
			return summary.complete() ? OneShotCommand.DONE : OneShotCommand.FAILED;
		}
		Progress progress = new Progress(err, ticker, terminal, check.rows());
		RabbitTemplate template = template(context, inbound);
		ConfirmedPublisher publisher = new ConfirmedPublisher(
				new AmqpSender(template, inbound.exchange(), inbound.routingKey(options.lane()),
						campaignTotal(options.campaignId(), stamp)),
				new Pacer(options.rate(), ticker), options.batch(), MAX_ATTEMPTS, CONFIRM_TIMEOUT, progress);
		// one channel for the whole pass, so that the
		// rows reach the queue in the file's order
		String stoppedBecause = template.invoke((operations) -> publishAll(file, publisher));
		progress.finish(publisher.confirmed(), publisher.failed().size());
		EnqueueSummary summary = new EnqueueSummary(options.file().toString(), options.format(), false, check.rows(),
				check.invalid(), publisher.published(), publisher.confirmed(), publisher.failed(), publisher.retries(),
				elapsed(ticker, started));
		summary.print(out);
		if (stoppedBecause != null) {
			err.println(EnqueueOptions.COMMAND + " stopped: " + stoppedBecause
					+ "; running the same file again publishes every row with the same request id");
		}
		return summary.complete() ? OneShotCommand.DONE : OneShotCommand.FAILED;
	}

	/**
	 * The headers that register the campaign's total with the worker: the rows of the
	 * checked file that carry the campaign.
	 */
	private static Map<String, Object> campaignTotal(@Nullable String campaignId, @Nullable CampaignStamp stamp) {
		if (campaignId == null || stamp == null) {
			return Map.of();
		}
		return CampaignTotals.headers(campaignId, stamp.carried());
	}

	/**
	 * Publishes every row and waits for every confirm.
	 * @return why publishing stopped early, or {@code null}
	 */
	private static @Nullable String publishAll(RequestFile file, ConfirmedPublisher publisher) {
		try {
			file.forEachRequest((request) -> publish(publisher, request));
			publisher.finish();
			return null;
		}
		catch (FileChanged | AmqpException ex) {
			return ex.getMessage();
		}
		catch (IOException ex) {
			return "cannot read the file: " + ex.getMessage();
		}
		catch (InterruptedException | Interrupted ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static void publish(ConfirmedPublisher publisher, FileRequest request) {
		try {
			publisher.publish(request);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Interrupted(ex);
		}
	}

	/**
	 * A template configured from {@code spring.rabbitmq.template.*} that publishes
	 * mandatory messages with correlated confirms, once the request exchange is known to
	 * exist: publishing to a missing one would close the channel on every message.
	 */
	private static RabbitTemplate template(ConfigurableApplicationContext context, InboundProperties inbound) {
		ConnectionFactory connectionFactory = context.getBean(ConnectionFactory.class);
		if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
			throw new IllegalStateException("the broker connection must have correlated publisher confirms and returns"
					+ " (spring.rabbitmq.publisher-confirm-type=correlated, spring.rabbitmq.publisher-returns=true)");
		}
		RabbitTemplate template = new RabbitTemplate();
		context.getBean(RabbitTemplateConfigurer.class).configure(template, connectionFactory);
		// mandatory, whatever the settings say: an unrouted row is lost
		template.setMandatory(true);
		// each message's return is read from its correlation, not from a callback
		template.setReturnsCallback((returned) -> {
		});
		try {
			template.execute((channel) -> channel.exchangeDeclarePassive(inbound.exchange()));
		}
		catch (AmqpException ex) {
			throw new IllegalStateException("the request exchange '" + inbound.exchange() + "' cannot be used ("
					+ brokerReason(ex) + "); the worker declares it when it starts", ex);
		}
		return template;
	}

	/** The broker's words: the channel's close reason, when it closed the channel. */
	private static String brokerReason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	private static Duration elapsed(Ticker ticker, long started) {
		return Duration.ofNanos(ticker.nanoTime() - started);
	}

	/**
	 * Interrupted while publishing from inside the file's reading.
	 */
	private static final class Interrupted extends RuntimeException {

		Interrupted(InterruptedException cause) {
			super(cause);
		}

	}

}
