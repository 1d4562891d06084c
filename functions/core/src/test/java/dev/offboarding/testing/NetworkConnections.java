package dev.offboarding.testing;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Records the network connections code tries to open: every HTTP connection the JDK opens asks the default ProxySelector first. */
public final class NetworkConnections {
    private NetworkConnections() {
    }

    /** What {@code action} returned, and every URI it tried to connect to meanwhile. */
    public record Recorded<T>(T result, List<URI> connections) {
    }

    public static <T> Recorded<T> during(Supplier<T> action) {
        ProxySelector original = ProxySelector.getDefault();
        List<URI> connections = new ArrayList<>();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                synchronized (connections) {
                    connections.add(uri);
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        try {
            T result = action.get();
            synchronized (connections) {
                return new Recorded<>(result, List.copyOf(connections));
            }
        } finally {
            ProxySelector.setDefault(original);
        }
    }
}
