package com.outboundsms.worker.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;

/**
 * Tells which calls the HTTP API's interceptors look at: those its controllers handle,
 * once each. A CORS preflight, the error page and the second dispatch that completes a
 * deferred answer are not such calls.
 */
final class InterceptedHandlers {

	private InterceptedHandlers() {
	}

	static boolean isFirstDispatchToTheDoor(HttpServletRequest request, Object handler) {
		return request.getDispatcherType() == DispatcherType.REQUEST && handler instanceof HandlerMethod method
				&& (OutboundSmsController.class.isAssignableFrom(method.getBeanType())
						|| CampaignController.class.isAssignableFrom(method.getBeanType()));
	}

}
