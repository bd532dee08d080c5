package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.TestServices;
import com.outboundsms.worker.budget.PostgresRateBuckets;
import com.outboundsms.worker.emulator.EmulatorSettings;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.pacing.Ticker;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.WorkerMetrics;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two worker instances' Twilio clients on one PostgreSQL store, over real HTTP to the
 * emulator: together they keep an endpoint's rate, bulk calls saturating it, while an
 * interactive call finds the reserve at once.
 */
class SharedBudgetIntegrationTests {

	private static final int RATE = 5;

	private final TestServices services = TestServices.get();

	private final String schema = "budget_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final TwilioEmulator emulator = TwilioEmulator.start(EmulatorSettings.defaults());

	private final ExecutorService threads = Executors.newFixedThreadPool(6);

	private HikariDataSource pool;

	@BeforeEach
	void migrate() {
		admin().sql("CREATE SCHEMA " + this.schema).update();
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(this.services.postgresUrl(this.schema));
		this.pool.setUsername(this.services.postgresUser());
		this.pool.setPassword(this.services.postgresPassword());
		this.pool.setMaximumPoolSize(8);
		Flyway.configure().dataSource(this.pool).locations("classpath:db/migration").load().migrate();
		this.emulator.createFlexFlow("+15005550006");
	}

	@AfterEach
	void cleanUp() {
		this.threads.shutdownNow();
		this.emulator.close();
		this.pool.close();
		admin().sql("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE").update();
	}

	@Test
	void twoInstancesKeepTheAccountsRateAndLeaveTheInteractiveReserve() throws Exception {
		List<TwilioRestClient> instances = List.of(instance(), instance());
		long started = System.nanoTime();
		long end = started + TimeUnit.MILLISECONDS.toNanos(2500);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> bulk = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			TwilioRestClient client = instances.get(i % 2);
			bulk.add(this.threads.submit(() -> {
				go.await();
				while (System.nanoTime() < end) {
					Lane.BULK.run(() -> FlexFlow.reader().firstPage(client));
				}
				return null;
			}));
		}
		go.countDown();
		// once the bulk lane has spent the burst and lives on the refill, an interactive
		// call
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.emulator.requests("GET", "/flex-api/v1/FlexFlows").size() >= 7);
		long asked = System.nanoTime();
		FlexFlow.reader().firstPage(instances.get(0));
		Duration interactiveWait = Duration.ofNanos(System.nanoTime() - asked);
		for (Future<?> taker : bulk) {
			taker.get(90, TimeUnit.SECONDS);
		}
		double elapsed = (System.nanoTime() - started) / 1e9;

		int made = this.emulator.requests("GET", "/flex-api/v1/FlexFlows").size();
		assertThat(made).isLessThanOrEqualTo((int) Math.floor(RATE + RATE * elapsed));
		assertThat(made).isGreaterThanOrEqualTo((int) (RATE * 2.5 * 0.7));
		assertThat(interactiveWait).isLessThan(Duration.ofMillis(200));
	}

	private TwilioRestClient instance() {
		TwilioLimitsProperties limits = TwilioBudgets.limits(10, 1, 50, Duration.ofSeconds(5), true,
				Map.of("GET flex-api/v1/FlexFlows", RATE));
		LaneBudget budget = new LaneBudget(new PostgresRateBuckets(JdbcClient.create(this.pool)),
				limits.interactiveShare(), Ticker.system());
		TwilioCallLimiter limiter = new TwilioCallLimiter(limits, Duration.ofSeconds(15), budget, WorkerMetrics.none());
		return new TwilioRestClient.Builder(this.emulator.accountSid(), this.emulator.authToken())
			.accountSid(this.emulator.accountSid())
			.httpClient(new TwilioHttpClient(this.emulator.baseUrl(), properties(), limiter, new TwilioRefusals(),
					WorkerMetrics.none()))
			.build();
	}

	private JdbcClient admin() {
		return JdbcClient.create(new DriverManagerDataSource(this.services.postgresUrl(), this.services.postgresUser(),
				this.services.postgresPassword()));
	}

	private static TwilioProperties properties() {
		return new TwilioProperties("AC00000000000000000000000000000000", null, null, "t", null, "KS1", null, null,
				"sms", Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(5), 10, null);
	}

}
