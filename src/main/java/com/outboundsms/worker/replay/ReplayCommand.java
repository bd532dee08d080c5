package com.outboundsms.worker.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

import com.outboundsms.worker.commandline.OneShotCommand;
import com.outboundsms.worker.deadletter.DeadLetterProperties;
import com.outboundsms.worker.inbound.InboundProperties;
import com.outboundsms.worker.pacing.Pacer;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.replay.DeadLetterReplay.ReplayTarget;
import com.rabbitmq.client.Channel;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code replay-dead-letters} command: reads its options, starts a context with only
 * the broker connection and the worker's names, runs one pass over the dead-letter queue,
 * prints the summary and answers the exit status (0 done, 1 failed, 2 bad arguments).
 */
public final class ReplayCommand {

	private static final OneShotCommand<ReplayOptions> COMMAND = new OneShotCommand<>(ReplayOptions.COMMAND,
			ReplayOptions.USAGE, ReplayOptions::parse, ReplayConfiguration.class);

	private ReplayCommand() {
	}

	/**
	 * Whether the arguments ask for this command rather than the worker.
	 * @param args the program's arguments
	 * @return {@code true} when the first is {@code replay-dead-letters}
	 */
	public static boolean isInvokedBy(String[] args) {
		return COMMAND.isInvokedBy(args);
	}

	/**
	 * Runs the command.
	 * @param args the program's arguments, starting with {@code replay-dead-letters}
	 * @param out where the summary goes
	 * @param err where errors and the usage go
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, out, err, Ticker.system());
	}

	static int run(String[] args, PrintStream out, PrintStream err, Ticker ticker) {
		return COMMAND.run(args, out, err, (options) -> {
			try (ConfigurableApplicationContext context = COMMAND.context(options)) {
				return replay(context, options, out, err, ticker);
			}
			catch (AmqpException ex) {
				return COMMAND.failed(err, ex.getMessage());
			}
		});
	}

	private static int replay(ConfigurableApplicationContext context, ReplayOptions options, PrintStream out,
			PrintStream err, Ticker ticker) {
		InboundProperties inbound = context.getBean(InboundProperties.class);
		DeadLetterProperties deadLetter = context.getBean(DeadLetterProperties.class);
		ReplayTarget target = new ReplayTarget(deadLetter.queue(), inbound.exchange(),
				inbound.routingKey(Lane.INTERACTIVE), inbound.queue(Lane.BULK), inbound.routingKey(Lane.BULK),
				deadLetter.confirmTimeout());
		Pacer pacer = new Pacer(options.rate(), ticker);
		Connection connection = context.getBean(ConnectionFactory.class).createConnection();
		Channel channel = open(connection);
		try {
			ReplaySummary summary = new DeadLetterReplay(channel, target, options, pacer, Clock.systemUTC()).run();
			summary.print(out);
			printPacing(out, options, pacer);
			return OneShotCommand.DONE;
		}
		catch (ReplayFailedException ex) {
			ex.summary().print(out);
			return COMMAND.failed(err,
					ex.getMessage() + "; every message not counted as moved is still in " + target.deadLetterQueue());
		}
		finally {
			// an unacknowledged message (a failed
			// move) goes back to the dead-letter queue
			close(channel);
		}
	}

	private static Channel open(Connection connection) {
		try {
			// a channel of its own, not a cached one:
			// closing it must put back what it holds
			return connection.getDelegate().createChannel();
		}
		catch (IOException ex) {
			throw new ReplayChannelException("could not open a channel: " + ex.getMessage(), ex);
		}
	}

	private static void close(Channel channel) {
		if (!channel.isOpen()) {
			return;
		}
		try {
			channel.close();
		}
		catch (IOException | TimeoutException ex) {
			// the connection closes with the context,
			// which puts back anything unacknowledged
		}
	}

	private static void printPacing(PrintStream out, ReplayOptions options, Pacer pacer) {
		if (!options.dryRun()) {
			out.printf("paced at %d/s: %d permits, %d ms of waiting%n", options.rate(), pacer.permits(),
					pacer.waited().toMillis());
		}
	}

	/**
	 * The broker gave no channel.
	 */
	static final class ReplayChannelException extends AmqpException {

		ReplayChannelException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
