package com.outboundsms.worker.crashpoint;

import java.util.Optional;

import com.outboundsms.worker.deadletter.DeadLetterPublisher;
import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.twilio.TwilioHttpClient;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the beans whose calls are the protocol's steps (the store, the Twilio client, the
 * result and dead-letter publishers) so that each step reports its crash points.
 */
final class CrashPointProxies implements BeanPostProcessor {

	private final ObjectProvider<CrashPoint> point;

	CrashPointProxies(ObjectProvider<CrashPoint> point) {
		this.point = point;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof OutreachStore) {
			return proxy(bean, this::store);
		}
		if (bean instanceof TwilioRestClient) {
			return proxy(bean, this::twilio);
		}
		if (bean instanceof ResultPublisher) {
			return proxy(bean, (invocation) -> after(invocation, "publish", CrashPointNames.AFTER_RESULT_PUBLISH));
		}
		if (bean instanceof DeadLetterPublisher) {
			return proxy(bean, (invocation) -> after(invocation, "send", CrashPointNames.AFTER_DEAD_LETTER_PUBLISH));
		}
		return bean;
	}

	private @Nullable Object store(MethodInvocation invocation) throws Throwable {
		Object result = invocation.proceed();
		switch (invocation.getMethod().getName()) {
			case "claim" -> {
				if (result instanceof Claim.Claimed) {
					reached(CrashPointNames.AFTER_CLAIM);
				}
			}
			case "replace" -> {
				if (result instanceof Optional<?> claimed && claimed.isPresent()) {
					reached(CrashPointNames.AFTER_CLAIM);
				}
			}
			case "checkpoint" ->
				reached(CrashPointNames.afterCheckpoint((OutreachProgress) invocation.getArguments()[2]));
			case "open" -> reached(CrashPointNames.AFTER_OPEN);
			default -> {
			}
		}
		return result;
	}

	private @Nullable Object twilio(MethodInvocation invocation) throws Throwable {
		if (!invocation.getMethod().getName().equals("request")) {
			return invocation.proceed();
		}
		Request request = (Request) invocation.getArguments()[0];
		String method = request.getMethod().toString();
		String endpoint = TwilioHttpClient.endpoint(request.getUrl());
		reached(CrashPointNames.beforeTwilio(method, endpoint));
		Object response = invocation.proceed();
		reached(CrashPointNames.afterTwilio(method, endpoint));
		return response;
	}

	private @Nullable Object after(MethodInvocation invocation, String methodName, String pointName) throws Throwable {
		Object result = invocation.proceed();
		if (invocation.getMethod().getName().equals(methodName)) {
			reached(pointName);
		}
		return result;
	}

	private void reached(String name) {
		this.point.getObject().reached(name);
	}

	private static Object proxy(Object bean, MethodInterceptor interceptor) {
		ProxyFactory factory = new ProxyFactory(bean);
		// a subclass proxy, so that beans injected by their class still get the proxy
		factory.setProxyTargetClass(true);
		factory.addAdvice(interceptor);
		return factory.getProxy(bean.getClass().getClassLoader());
	}

}
