package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send (no Host, broken chunking, a
 * malformed request line). Reads one response: status line, headers, then a body by Content-Length,
 * chunked, or up to the close.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** One response; {@code status} 0 when the server closed the connection without answering. */
    record Response(int status, Map<String, String> headers, String body) {
        static final Response CLOSED = new Response(0, Map.of(), "");

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Sends {@code request} as is and reads the answer; throws {@link SocketTimeoutException} past {@code timeoutMillis}. */
    static Response exchange(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            catch (IOException e) {
                // the server may answer and close before it read everything (e.g. 413, 431): read what it said
            }
            return read(socket.getInputStream());
        }
    }

    static Response exchange(int port, String request, int timeoutMillis) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), timeoutMillis);
    }

    static Response read(InputStream in) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        }
        catch (SocketTimeoutException e) {
            throw e;
        }
        catch (IOException e) {
            return Response.CLOSED; // reset by the server
        }
        if (statusLine == null) {
            return Response.CLOSED;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[1].matches("\\d{3}")) {
            throw new IllegalStateException("not a status line: " + statusLine.substring(0, Math.min(200, statusLine.length())));
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers end at an empty line; read past it so the next response on the connection starts clean
            }
        }
        else if (status != 204 && status != 304) {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
