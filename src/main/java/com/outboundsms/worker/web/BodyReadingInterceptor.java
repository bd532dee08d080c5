package com.outboundsms.worker.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Reads the body of a call to {@code POST /v1/outbound-sms} before the caller is
 * authenticated, since a Flex token may be in it, and keeps it for the controller as the
 * request attribute {@link CallerBody#ATTRIBUTE}. A body over the limit is refused
 * ({@code 413}) before it costs an authentication: a declared length before reading, a
 * chunked body once the limit is passed.
 */
class BodyReadingInterceptor implements HandlerInterceptor {

	private final long limit;

	BodyReadingInterceptor(long limit) {
		this.limit = limit;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!InterceptedHandlers.isFirstDispatchToTheDoor(request, handler)
				|| !HttpMethod.POST.matches(request.getMethod())) {
			return true;
		}
		if (request.getContentLengthLong() > this.limit) {
			throw new BodyTooLarge(this.limit);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) this.limit + 1);
			if (bytes.length > this.limit) {
				throw new BodyTooLarge(this.limit);
			}
			request.setAttribute(CallerBody.ATTRIBUTE, CallerBody.of(bytes));
		}
		return true;
	}

	/**
	 * The body is larger than the door takes.
	 */
	static final class BodyTooLarge extends RuntimeException {

		private final long limit;

		BodyTooLarge(long limit) {
			super("the body is larger than " + limit + " bytes", null, false, false);
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

}
