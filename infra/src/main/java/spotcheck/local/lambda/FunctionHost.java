package spotcheck.local.lambda;

import spotcheck.local.support.Console;
import spotcheck.local.template.TemplateModel;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function of the template, run in this JVM as Lambda runs it: the handler class is
 * instantiated once with its no-arg constructor (the function's environment is already in
 * the system properties), the event JSON is turned into the handler's declared input type
 * by the same serializers the Lambda Java runtime uses, and the result is serialized back.
 *
 * <p>Concurrency: like one warm Lambda execution environment, an instance handles one
 * invocation at a time. Invocations of a function are serialized (fair queue), so handler
 * code never needs to be thread-safe locally either; different functions run in parallel.
 * An invocation that outlives the timeout is abandoned and the instance discarded, so the
 * next invocation gets a fresh one, as after a Lambda timeout.
 */
public final class FunctionHost implements AutoCloseable {
    /**
     * How an invocation ended: OK, a function error (an exception, or the function's own Timeout
     * elapsed, as Lambda reports both), or TIMEOUT when the caller's patience ran out first.
     */
    public enum Outcome { OK, ERROR, TIMEOUT }

    /** The response payload (JSON) for OK; the error type for ERROR. */
    public record Invocation(Outcome outcome, String payload) { }

    private final TemplateModel.Function function;
    private final ClassLoader loader;
    private final String className;
    private final String methodName;
    private final Semaphore turn = new Semaphore(1, true);
    private final ExecutorService threads;
    private volatile Instance instance;

    /** A constructed handler and how to call it. */
    private record Instance(Object target, Method method, PojoSerializer<Object> input,
                            PojoSerializer<Object> output, boolean streaming, String id) { }

    public FunctionHost(TemplateModel.Function function, ClassLoader loader) {
        this.function = function;
        this.loader = loader;
        String handler = function.handler();
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException(function.logicalId() + " has no Handler");
        }
        int sep = handler.indexOf("::");
        this.className = sep < 0 ? handler : handler.substring(0, sep);
        this.methodName = sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fn-" + function.logicalId());
            t.setDaemon(true);
            return t;
        });
    }

    public TemplateModel.Function function() {
        return function;
    }

    /** Constructs the handler now (the "init" phase), so that the first request does not pay for it. */
    public void warm() {
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            instance();
        } finally {
            turn.release();
        }
    }

    /**
     * Invokes the function with an event (JSON). {@code timeoutMillis} is the caller's patience, queue
     * wait included (API Gateway's integration timeout); the function's own Timeout caps its run.
     */
    public Invocation invoke(String eventJson, long timeoutMillis) {
        long started = System.nanoTime();
        try {
            if (!turn.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return new Invocation(Outcome.TIMEOUT, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Invocation(Outcome.ERROR, "Interrupted");
        }
        try {
            Instance current;
            try {
                current = instance();
            } catch (RuntimeException e) {
                return new Invocation(Outcome.ERROR, "Runtime.InitError");
            }
            long remaining = timeoutMillis - (System.nanoTime() - started) / 1_000_000;
            long functionLimit = function.timeoutSeconds() * 1000L;
            long runFor = Math.min(remaining, functionLimit);
            long deadline = System.nanoTime() + runFor * 1_000_000;
            String requestId = UUID.randomUUID().toString();
            Future<String> result = threads.submit(() -> call(current, eventJson,
                    new LocalContext(requestId, function, deadline, current.id())));
            try {
                return new Invocation(Outcome.OK, result.get(Math.max(1, runFor), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                result.cancel(true);
                instance = null;
                Console.warn(function.logicalId() + ": invocation " + requestId + " timed out after " + runFor
                        + " ms; the instance is discarded");
                return runFor == functionLimit ? new Invocation(Outcome.ERROR, "Sandbox.Timedout")
                        : new Invocation(Outcome.TIMEOUT, null);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause()
                        : e.getCause();
                // As Lambda does: the error goes to the function's log, the caller gets only its type.
                System.err.println("[local] " + function.logicalId() + ": invocation " + requestId + " failed");
                cause.printStackTrace();
                return new Invocation(Outcome.ERROR, cause.getClass().getName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.cancel(true);
                return new Invocation(Outcome.ERROR, "Interrupted");
            }
        } finally {
            turn.release();
        }
    }

    private String call(Instance in, String eventJson, Context context) throws Exception {
        byte[] event = eventJson.getBytes(StandardCharsets.UTF_8);
        if (in.streaming()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (in.method().getParameterCount() == 3) {
                in.method().invoke(in.target(), new ByteArrayInputStream(event), out, context);
            } else {
                in.method().invoke(in.target(), new ByteArrayInputStream(event), out);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
        Object[] args = new Object[in.method().getParameterCount()];
        if (args.length >= 1) {
            args[0] = in.input().fromJson(new ByteArrayInputStream(event));
        }
        if (args.length == 2) {
            args[1] = context;
        }
        Object result = in.method().invoke(in.target(), args);
        if (in.output() == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.output().toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private Instance instance() {
        Instance current = instance;
        if (current != null) {
            return current;
        }
        try {
            Class<?> type = Class.forName(className, true, loader);
            Method method = handlerMethod(type).orElseThrow(() -> new IllegalStateException(
                    function.logicalId() + ": no public method " + methodName + " in " + className));
            Object target = Modifier.isStatic(method.getModifiers()) ? null
                    : type.getDeclaredConstructor().newInstance();
            Class<?>[] params = method.getParameterTypes();
            boolean streaming = params.length >= 2 && InputStream.class.isAssignableFrom(params[0])
                    && OutputStream.class.isAssignableFrom(params[1]);
            PojoSerializer<Object> input = streaming || params.length == 0 ? null
                    : serializerFor(method.getGenericParameterTypes()[0]);
            PojoSerializer<Object> output = streaming || method.getReturnType() == void.class ? null
                    : serializerFor(method.getGenericReturnType());
            String id = HexFormat.of().formatHex(randomBytes());
            current = new Instance(target, method, input, output, streaming, id);
            instance = current;
            return current;
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            System.err.println("[local] " + function.logicalId() + ": init failed for " + className);
            cause.printStackTrace();
            throw new IllegalStateException(function.logicalId() + ": init failed", cause);
        } catch (RuntimeException e) {
            System.err.println("[local] " + function.logicalId() + ": init failed for " + className);
            e.printStackTrace();
            throw e;
        }
    }

    /** The Lambda runtime's choice among overloads: (input, Context) before (input), streams as a fallback. */
    private Optional<Method> handlerMethod(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> m.getParameterCount() <= 3)
                .min(Comparator.comparingInt(FunctionHost::preference));
    }

    private static int preference(Method m) {
        Class<?>[] p = m.getParameterTypes();
        boolean lastIsContext = p.length > 0 && Context.class.isAssignableFrom(p[p.length - 1]);
        if (p.length == 3 && lastIsContext && InputStream.class.isAssignableFrom(p[0])) {
            return 2;
        }
        if (p.length == 2 && lastIsContext) {
            return 0;
        }
        return p.length == 1 ? 1 : 3;
    }

    /**
     * The serializer the Lambda Java runtime picks: its customised one for the AWS event classes
     * it knows (S3Event, ScheduledEvent, ...), plain Jackson from the same library for the rest.
     */
    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> serializerFor(Type type) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        instance = null;
    }
}
