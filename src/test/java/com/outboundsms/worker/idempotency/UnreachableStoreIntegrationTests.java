package com.outboundsms.worker.idempotency;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.StoredOutcome;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A store that cannot be reached fails every operation as a failure of the store itself,
 * which pauses consumption, whether the operation runs in a transaction or not.
 */
class UnreachableStoreIntegrationTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	private JdbcOutreachStore store;

	@BeforeEach
	void storeOnAPortNothingListensOn() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=2", "postgres", "");
		this.store = new JdbcOutreachStore(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
				new IdempotencyProperties(Duration.ofSeconds(60)), Clock.systemUTC(), "instance-a", true,
				WorkerMetrics.none(), JsonMapper.builder().build());
	}

	@Test
	void aClaimFailsAsTheStoresFailure() {
		SystemicFailure failure = catchThrowableOfType(SystemicFailure.class,
				() -> this.store.claim(PAIR, "r1", "flex-legacy"));

		assertThat(failure.dependency()).isEqualTo(Dependency.STORE);
	}

	@Test
	void openingInATransactionFailsAsTheStoresFailure() {
		SystemicFailure failure = catchThrowableOfType(SystemicFailure.class,
				() -> this.store.open(PAIR, 1, OutreachProgress.none(), "r1", new StoredOutcome(Outcome.CREATED,
						"flex-legacy", PAIR, Map.of(Sid.PROXY_SESSION, "KC1"), Instant.parse("2026-11-23T10:00:00Z"))));

		assertThat(failure.dependency()).isEqualTo(Dependency.STORE);
	}

}
