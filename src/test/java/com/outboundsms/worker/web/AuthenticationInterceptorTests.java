package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthenticationInterceptorTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final String agent = SampleTokens.signed(SampleTokens.ACCOUNT, NOW.plusSeconds(3600));

	private final FlexTokens twilio = (token) -> token.equals(this.agent) ? Optional.of(NOW.plusSeconds(3600))
			: Optional.empty();

	private final AuthenticationInterceptor authentication = new AuthenticationInterceptor(
			new Authenticator(List.of("api-token"),
					new FlexTokenCache(new FlexTokenCheck(SampleTokens.ACCOUNT, JsonMapper.builder().build()),
							this.twilio, Clock.fixed(NOW, ZoneOffset.UTC), 10, Duration.ofMinutes(10)),
					new ClientRefusals(new HttpApiProperties.ClientRefusals(2, Duration.ofMinutes(1)), 10)));

	@Test
	void letsInABearerApiTokenAndAFlexTokenFromTheHeaderOrTheBody() throws Exception {
		MockHttpServletRequest bearer = get("198.51.100.1");
		bearer.addHeader("Authorization", "Bearer api-token");
		MockHttpServletRequest header = get("198.51.100.1");
		header.addHeader("X-Flex-Token", this.agent);
		MockHttpServletRequest body = post("198.51.100.1", "{\"Token\":\"" + this.agent + "\"}");

		assertThat(handle(bearer, "status")).isTrue();
		assertThat(handle(header, "status")).isTrue();
		assertThat(handle(body, "submit")).isTrue();
	}

	@Test
	void refusesACallWithoutValidCredentialsAndThenHoldsTheClientOff() {
		MockHttpServletRequest wrong = get("198.51.100.2");
		wrong.addHeader("Authorization", "Bearer api-tokenx");

		assertThat(refusal(wrong, "status")).isEqualTo(Admission.REFUSED);
		assertThat(refusal(post("198.51.100.2", "{\"Token\":\"unknown\"}"), "submit")).isEqualTo(Admission.REFUSED);
		assertThat(refusal(get("198.51.100.2"), "status")).isEqualTo(new Admission.HeldOff(Duration.ofMinutes(1)));
	}

	@Test
	void answersRefusalsAsTheDoorDid() {
		InterceptorRefusalAdvice answers = new InterceptorRefusalAdvice();

		ResponseEntity<Object> unauthorized = answers
			.notAdmitted(new AuthenticationInterceptor.NotAdmitted(Admission.REFUSED));
		ResponseEntity<Object> heldOff = answers
			.notAdmitted(new AuthenticationInterceptor.NotAdmitted(new Admission.HeldOff(Duration.ofMillis(1500))));
		ResponseEntity<Object> tooLarge = answers.tooLarge(new BodyReadingInterceptor.BodyTooLarge(64));

		assertThat(unauthorized.getStatusCode().value()).isEqualTo(401);
		assertThat(unauthorized.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(unauthorized.getBody()).isEqualTo(ResponseBodies.unauthorized().getBody());
		assertThat(heldOff.getStatusCode().value()).isEqualTo(429);
		assertThat(heldOff.getHeaders().getFirst("Retry-After")).isEqualTo("2");
		assertThat(heldOff.getBody()).isEqualTo(ResponseBodies.heldOff(Duration.ofMillis(1500)).getBody());
		assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
		assertThat(tooLarge.getBody()).isEqualTo(ResponseBodies.tooLarge(64).getBody());
	}

	@Test
	void leavesOtherHandlersAndTheSecondDispatchAlone() throws Exception {
		MockHttpServletRequest again = get("198.51.100.3");
		again.setDispatcherType(DispatcherType.ASYNC);

		assertThat(handle(again, "status")).isTrue();
		assertThat(this.authentication.preHandle(get("198.51.100.3"), new MockHttpServletResponse(),
				ApiInterceptors.otherHandler()))
			.isTrue();
		assertThat(refusal(get("198.51.100.3"), "status")).isEqualTo(Admission.REFUSED);
	}

	private boolean handle(MockHttpServletRequest request, String handler) {
		return this.authentication.preHandle(request, new MockHttpServletResponse(),
				ApiInterceptors.doorHandler(handler));
	}

	private Admission refusal(MockHttpServletRequest request, String handler) {
		return assertThatExceptionOfType(AuthenticationInterceptor.NotAdmitted.class)
			.isThrownBy(() -> handle(request, handler))
			.actual()
			.admission();
	}

	private static MockHttpServletRequest get(String client) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", OutboundSmsController.PATH + "/r-1");
		request.setRemoteAddr(client);
		return request;
	}

	private static MockHttpServletRequest post(String client, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", OutboundSmsController.PATH);
		request.setRemoteAddr(client);
		request.setAttribute(CallerBody.ATTRIBUTE, CallerBody.of(body.getBytes(StandardCharsets.UTF_8)));
		return request;
	}

}
