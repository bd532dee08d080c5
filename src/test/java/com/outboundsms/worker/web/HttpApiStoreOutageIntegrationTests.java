package com.outboundsms.worker.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.IsolatedRun;
import com.outboundsms.worker.RequestBodies;
import com.outboundsms.worker.TcpProxy;
import com.outboundsms.worker.TestNumbers;
import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The door while the idempotency store cannot be reached (PostgreSQL behind a proxy the
 * test cuts): every call is answered {@code 503} with {@code Retry-After}, and answered
 * as usual once the store is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { IsolatedRun.class, HttpApiStoreOutageIntegrationTests.StoreBehindProxy.class })
@TestPropertySource(properties = { "outbound-sms.http.api-tokens=" + HttpApiStoreOutageIntegrationTests.API_TOKEN,
		// the store's outage is seen at once rather than after Hikari's 30 s
		"spring.datasource.hikari.connection-timeout=1000" })
class HttpApiStoreOutageIntegrationTests {

	static final String API_TOKEN = "test-door-outage-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TcpProxy storeProxy;

	@Test
	void answersUnavailableWithRetryAfterWhileTheStoreIsDown() throws Exception {
		ApiCalls door = new ApiCalls(this.port);
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + API_TOKEN);
		String requestId = "door-store-down-" + UUID.randomUUID();
		String body = RequestBodies
			.json(RequestBodies.minimal(requestId, TestNumbers.twilioNumber(), TestNumbers.customerNumber()));

		this.storeProxy.cut();
		HttpResponse<String> submitted;
		HttpResponse<String> status;
		try {
			submitted = door.send(ApiCalls.POST, "/v1/outbound-sms", body, bearer);
			status = door.send(ApiCalls.GET, "/v1/outbound-sms/" + requestId, null, bearer);
		}
		finally {
			this.storeProxy.restore();
		}

		assertThat(submitted.statusCode()).isEqualTo(503);
		assertThat(status.statusCode()).isEqualTo(503);
		assertThat(submitted.headers().firstValue("Retry-After")).isPresent();
		assertThat(JSON.readTree(submitted.body()).path("message").asString())
			.isEqualTo("the store could not be reached");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					door.send(ApiCalls.GET, "/v1/outbound-sms/" + requestId, null, bearer).statusCode())
				.isEqualTo(404));
	}

	/**
	 * Puts a proxy the test can cut between the worker and its PostgreSQL schema.
	 */
	static class StoreBehindProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			URI postgres = URI.create(TestServices.get().postgresUrl().substring("jdbc:".length()));
			TcpProxy proxy;
			try {
				proxy = new TcpProxy(postgres.getHost(), postgres.getPort());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			String direct = context.getEnvironment().getRequiredProperty("spring.datasource.url");
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("store-behind-proxy", Map.of("spring.datasource.url",
						direct.replace(postgres.getHost() + ":" + postgres.getPort(), "127.0.0.1:" + proxy.port()))));
			context.getBeanFactory().registerSingleton("storeProxy", proxy);
			((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("storeProxyClose",
					(DisposableBean) proxy::close);
		}

	}

}
