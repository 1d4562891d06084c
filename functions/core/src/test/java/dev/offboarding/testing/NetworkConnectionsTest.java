package dev.offboarding.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder behind the "priming opens no connection" checks does see a connection when one is opened. */
class NetworkConnectionsTest {

    @Test
    void anHttpConnectionAttemptIsRecorded() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + port + "/");

        NetworkConnections.Recorded<String> recorded = NetworkConnections.during(() -> {
            try {
                HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.getResponseCode();
                return "answered";
            } catch (IOException refused) {
                return "refused";
            }
        });

        assertEquals("refused", recorded.result(), "nothing listens on the port");
        assertEquals(List.of(target), recorded.connections());
    }
}
