import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Starts mongo-java-server on a chosen host and port (the library's own main classes are
 * hard-wired to 27017).
 *
 * The server implements MongoDB 5.0's commands but announces wire version 8, which the Node.js
 * driver 7 (used by mongoose 9) refuses; the launcher announces 5.0's real wire version, 13.
 *
 * Usage: java -cp 'lib/*' Launcher.java [--host H] [--port P] [--file PATH] [--wire-version N]
 *                                        [--exit-with-stdin]
 *   --port 0         picks a free port; the chosen one is printed
 *   --file PATH      keeps data in an H2 MVStore file (persistent); default is in memory
 *   --exit-with-stdin stops the server when standard input closes (parent process gone)
 *
 * Prints one line "mongo-wire listening mongodb://HOST:PORT" once it accepts connections.
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 27017;
    String file = null;
    int wireVersion = 13;
    boolean exitWithStdin = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--file" -> file = args[++i];
        case "--wire-version" -> wireVersion = Integer.parseInt(args[++i]);
        case "--exit-with-stdin" -> exitWithStdin = true;
        default -> {
          System.err.println("mongo-wire: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }

    MongoBackend backend = file == null ? new MemoryBackend() : new H2Backend(file);
    backend.version(announcing(ServerVersion.MONGO_5_0, wireVersion));
    MongoServer server = new MongoServer(backend);
    server.bind(host, port);
    InetSocketAddress bound = server.getLocalAddress();

    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
    System.out.println("mongo-wire listening mongodb://" + host + ":" + bound.getPort());
    System.out.flush();

    if (exitWithStdin) {
      InputStream in = System.in;
      while (in.read() != -1) {
        // Drain until the parent closes the pipe.
      }
      System.exit(0);
    }
    Thread.currentThread().join();
  }

  private static MongoVersion announcing(ServerVersion base, int wireVersion) {
    return new MongoVersion() {
      @Override
      public List<Integer> getVersionArray() {
        return base.getVersionArray();
      }

      @Override
      public int getWireVersion() {
        return wireVersion;
      }
    };
  }
}
