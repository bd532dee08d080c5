package com.outboundsms.worker;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker refuses to start on a request queue that exists with other arguments, and
 * says which queue and which argument.
 */
class TopologyIntegrationTests {

	private final TestServices services = TestServices.get();

	@Test
	void refusesToStartWhenTheRequestQueueExistsWithOtherArguments() throws Exception {
		String prefix = "osw-test-mismatch-" + UUID.randomUUID().toString().substring(0, 8);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.services.rabbitHost());
		factory.setPort(this.services.rabbitPort());
		factory.setUsername(this.services.rabbitUser());
		factory.setPassword(this.services.rabbitPassword());
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.queueDeclare(prefix + ".requests", true, false, false, Map.of());
			try {
				assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(prefix))
					.satisfies((failure) -> assertThat(messages(failure)).containsPattern(
							"already exists with other arguments than the worker's: inequivalent arg 'x-[a-z-]+' for queue '"
									+ Pattern.quote(prefix + ".requests") + "'"));
			}
			finally {
				channel.queueDelete(prefix + ".requests");
				for (String exchange : new String[] { prefix, prefix + ".results", prefix + ".dlx" }) {
					channel.exchangeDelete(exchange);
				}
				channel.queueDelete(prefix + ".requests.dlq");
			}
		}
	}

	private void start(String prefix) {
		new SpringApplicationBuilder(WorkerApplication.class)

			.run("--spring.rabbitmq.host=" + this.services.rabbitHost(),
					"--spring.rabbitmq.port=" + this.services.rabbitPort(),
					"--spring.rabbitmq.username=" + this.services.rabbitUser(),
					"--spring.rabbitmq.password=" + this.services.rabbitPassword(),
					"--spring.datasource.url=jdbc:h2:mem:" + prefix + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
					"--twilio.account-sid=AC00000000000000000000000000000000", "--twilio.auth-token=unused",
					"--twilio.proxy-service-sid=KS00000000000000000000000000000000",
					"--twilio.api-base-url=http://127.0.0.1:9", "--outbound-sms.inbound.exchange=" + prefix,
					"--outbound-sms.inbound.queue=" + prefix + ".requests",
					"--outbound-sms.outbound.exchange=" + prefix + ".results",
					"--outbound-sms.deadletter.exchange=" + prefix + ".dlx",
					"--outbound-sms.deadletter.queue=" + prefix + ".requests.dlq")
			.close();
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
