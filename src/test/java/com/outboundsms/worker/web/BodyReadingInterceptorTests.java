package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BodyReadingInterceptorTests {

	private static final String BODY = "{\"toName\":\"Jane\",\"Token\":\"flex-token\"}";

	private final BodyReadingInterceptor bodies = new BodyReadingInterceptor(64);

	@Test
	void keepsTheBodyOfAPostForTheController() throws Exception {
		MockHttpServletRequest request = post(BODY);

		boolean proceed = this.bodies.preHandle(request, new MockHttpServletResponse(),
				ApiInterceptors.doorHandler("submit"));

		assertThat(proceed).isTrue();
		CallerBody body = (CallerBody) request.getAttribute(CallerBody.ATTRIBUTE);
		assertThat(body.raw()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
		assertThat(body.token()).isEqualTo("flex-token");
	}

	@Test
	void refusesABodyOverTheLimitWhetherDeclaredOrNot() {
		MockHttpServletRequest declared = post("x".repeat(65));
		MockHttpServletRequest chunked = post("x".repeat(65));
		chunked.removeHeader("Content-Length");

		assertThatExceptionOfType(BodyReadingInterceptor.BodyTooLarge.class)
			.isThrownBy(() -> this.bodies.preHandle(declared, new MockHttpServletResponse(),
					ApiInterceptors.doorHandler("submit")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(64));
		assertThatExceptionOfType(BodyReadingInterceptor.BodyTooLarge.class).isThrownBy(() -> this.bodies
			.preHandle(chunked, new MockHttpServletResponse(), ApiInterceptors.doorHandler("submit")));
		assertThat(declared.getAttribute(CallerBody.ATTRIBUTE)).isNull();
	}

	@Test
	void takesABodyOfExactlyTheLimit() throws Exception {
		MockHttpServletRequest request = post("x".repeat(64));

		this.bodies.preHandle(request, new MockHttpServletResponse(), ApiInterceptors.doorHandler("submit"));

		assertThat(((CallerBody) request.getAttribute(CallerBody.ATTRIBUTE)).raw()).hasSize(64);
	}

	@Test
	void leavesOtherCallsAndTheSecondDispatchAlone() throws Exception {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/v1/outbound-sms/r-1");
		MockHttpServletRequest again = post("x".repeat(65));
		again.setDispatcherType(DispatcherType.ASYNC);
		MockHttpServletRequest elsewhere = post("x".repeat(65));

		assertThat(this.bodies.preHandle(get, new MockHttpServletResponse(), ApiInterceptors.doorHandler("status")))
			.isTrue();
		assertThat(this.bodies.preHandle(again, new MockHttpServletResponse(), ApiInterceptors.doorHandler("submit")))
			.isTrue();
		assertThat(this.bodies.preHandle(elsewhere, new MockHttpServletResponse(), ApiInterceptors.otherHandler()))
			.isTrue();
		assertThat(again.getAttribute(CallerBody.ATTRIBUTE)).isNull();
		assertThat(elsewhere.getAttribute(CallerBody.ATTRIBUTE)).isNull();
	}

	private static MockHttpServletRequest post(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", OutboundSmsController.PATH);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.addHeader("Content-Length", body.length());
		return request;
	}

}
