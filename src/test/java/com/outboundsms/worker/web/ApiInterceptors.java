package com.outboundsms.worker.web;

import java.lang.reflect.Method;

import org.springframework.web.method.HandlerMethod;

/**
 * The handlers the door's interceptors are given, without a Spring context.
 */
final class ApiInterceptors {

	private ApiInterceptors() {
	}

	/** The controller's handler for a mapping, as the dispatcher hands it over. */
	static HandlerMethod doorHandler(String name) {
		OutboundSmsController controller = new OutboundSmsController(null, null, null, null, null, null, null, null);
		for (Method method : OutboundSmsController.class.getDeclaredMethods()) {
			if (method.getName().equals(name)) {
				return new HandlerMethod(controller, method);
			}
		}
		throw new IllegalArgumentException("no handler " + name);
	}

	/** A handler that is not the door's. */
	static HandlerMethod otherHandler() throws NoSuchMethodException {
		return new HandlerMethod(new Object(), Object.class.getMethod("toString"));
	}

}
