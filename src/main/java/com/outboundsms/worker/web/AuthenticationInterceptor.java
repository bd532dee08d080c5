package com.outboundsms.worker.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a call reach the door's controller only with credentials the {@link Authenticator}
 * accept: a bearer API token, or a Flex token from the {@code X-Flex-Token} header or, on
 * {@code POST}, the body's {@code Token} field. Any other call is answered {@code 401},
 * or {@code 429} for a client refused too often.
 */
class AuthenticationInterceptor implements HandlerInterceptor {

	private final Authenticator callers;

	AuthenticationInterceptor(Authenticator callers) {
		this.callers = callers;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!InterceptedHandlers.isFirstDispatchToTheDoor(request, handler)) {
			return true;
		}
		Admission admission = this.callers.admit(request.getRemoteAddr(), request.getHeader(HttpHeaders.AUTHORIZATION),
				flexToken(request));
		if (!(admission instanceof Admission.Admitted)) {
			throw new NotAdmitted(admission);
		}
		return true;
	}

	private static @Nullable String flexToken(HttpServletRequest request) {
		String header = request.getHeader(OutboundSmsController.FLEX_TOKEN);
		if (header != null) {
			return header;
		}
		return (request.getAttribute(CallerBody.ATTRIBUTE) instanceof CallerBody body) ? body.token() : null;
	}

	/**
	 * The call is not let in: refused, or held off.
	 */
	static final class NotAdmitted extends RuntimeException {

		private final Admission admission;

		NotAdmitted(Admission admission) {
			super("not admitted: " + admission, null, false, false);
			this.admission = admission;
		}

		Admission admission() {
			return this.admission;
		}

	}

}
