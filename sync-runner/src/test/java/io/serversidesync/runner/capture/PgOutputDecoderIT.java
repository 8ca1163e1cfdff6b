package io.serversidesync.runner.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serversidesync.harness.postgres.PostgresDatabase;
import io.serversidesync.testing.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decodes what a real Postgres emits: the pgoutput messages are read from a slot with
 * pg_logical_slot_get_binary_changes, byte for byte what a replication connection streams.
 */
@Tag("integration")
@ExtendWith(PostgresExtension.class)
class PgOutputDecoderIT {

  private static PostgresDatabase db;

  @BeforeAll
  static void schema(PostgresDatabase database) {
    db = database;
    db.execute(
        "CREATE TYPE mood AS ENUM ('happy', 'sad')",
        "CREATE TABLE all_types (id int PRIMARY KEY, t text, vc varchar(20), i2 smallint,"
            + " i8 bigint, num numeric(12,3), b boolean, f4 real, f8 double precision, d date,"
            + " ts timestamp, tstz timestamptz, u uuid, j json, jb jsonb, m mood, big text)",
        "CREATE TABLE full_ident (k text PRIMARY KEY, v text)",
        "ALTER TABLE full_ident REPLICA IDENTITY FULL",
        "CREATE PUBLICATION dec_pub FOR TABLE all_types, full_ident");
  }

  private List<String> decodeChangesOf(String slot, String... statements) throws SQLException {
    db.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    db.execute(statements);
    RecordingHandler handler = new RecordingHandler();
    PgOutputDecoder decoder = new PgOutputDecoder(handler);
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT data FROM pg_logical_slot_get_binary_changes('"
                    + slot
                    + "', NULL, NULL, 'proto_version', '1', 'publication_names', 'dec_pub')")) {
      while (rs.next()) {
        byte[] message = rs.getBytes(1);
        // decode from an offset, as the replication stream hands them over
        byte[] padded = new byte[message.length + 7];
        System.arraycopy(message, 0, padded, 3, message.length);
        decoder.decode(padded, 3, message.length);
      }
    } finally {
      db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
    }
    return handler.events;
  }

  @Test
  void decodesEveryValueTypeInTextForm() throws SQLException {
    List<String> events =
        decodeChangesOf(
            "dec_types",
            "INSERT INTO all_types VALUES (1, 'héllo', 'v', -2, 9007199254740993, 12345.678, true,"
                + " 1.5, -2.25e-10, '2024-02-29', '2024-02-29 13:14:15.123456',"
                + " '2024-02-29 13:14:15.5+02', '6f1c2a3e-1111-4222-8333-444455556666',"
                + " '{\"a\": [1, 2]}', '{\"b\": null}', 'sad', 'small')",
            "INSERT INTO all_types (id) VALUES (2)");
    assertThat(events).startsWith("B", "Y public.mood", "R public.all_types d");
    assertThat(events.get(3))
        .isEqualTo(
            "I all_types ['1','héllo','v','-2','9007199254740993','12345.678','t','1.5',"
                + "'-2.25e-10','2024-02-29','2024-02-29 13:14:15.123456',"
                + "'2024-02-29 11:14:15.5+00','6f1c2a3e-1111-4222-8333-444455556666',"
                + "'{\"a\": [1, 2]}','{\"b\": null}','sad','small']");
    assertThat(events.get(4)).isEqualTo("C"); // each INSERT is its own transaction
    assertThat(events.subList(5, 8))
        .containsExactly(
            "B",
            "I all_types ['2',null,null,null,null,null,null,null,null,null,null,null,null,null,"
                + "null,null,null]",
            "C");
  }

  @Test
  void unchangedToastValuesAreMarkedNotNull() throws SQLException {
    db.execute(
        "INSERT INTO all_types (id, t, big) VALUES (10, 'a',"
            + " (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 400) i))");
    List<String> events =
        decodeChangesOf(
            "dec_toast",
            "UPDATE all_types SET t = 'b' WHERE id = 10",
            "UPDATE all_types SET big = NULL WHERE id = 10");
    assertThat(events)
        .contains(
            "U all_types new=['10','b',null,null,null,null,null,null,null,null,null,null,null,"
                + "null,null,null,u]",
            "U all_types new=['10','b',null,null,null,null,null,null,null,null,null,null,null,"
                + "null,null,null,null]");
  }

  @Test
  void keyAndFullOldImagesOnUpdateAndDelete() throws SQLException {
    db.execute("INSERT INTO all_types (id, t) VALUES (20, 'x'), (21, 'y')");
    db.execute("INSERT INTO full_ident VALUES ('k1', 'v1')");
    List<String> events =
        decodeChangesOf(
            "dec_old",
            "UPDATE all_types SET id = 22 WHERE id = 20",
            "DELETE FROM all_types WHERE id = 21",
            "UPDATE full_ident SET v = 'v2'",
            "DELETE FROM full_ident");
    List<String> rows = rowEvents(events);
    assertThat(rows.get(0)).startsWith("U all_types old=K['20',null,").contains("new=['22','x',");
    assertThat(rows.get(1)).startsWith("D all_types K['21',null,");
    assertThat(rows.get(2)).isEqualTo("U full_ident old=O['k1','v1'] new=['k1','v2']");
    assertThat(rows.get(3)).isEqualTo("D full_ident O['k1','v2']");
  }

  @Test
  void truncateAndOriginMessages() throws SQLException {
    db.execute("SELECT pg_replication_origin_create('sss_decoder_test')");
    List<String> events =
        decodeChangesOf(
            "dec_origin",
            "SELECT pg_replication_origin_session_setup('sss_decoder_test')",
            "INSERT INTO full_ident VALUES ('o1', 'from elsewhere')",
            "SELECT pg_replication_origin_session_reset()",
            "TRUNCATE all_types, full_ident");
    assertThat(events)
        .containsSubsequence(
            "B",
            "O sss_decoder_test 0/0",
            "R public.full_ident f",
            "I full_ident ['o1','from elsewhere']",
            "C");
    assertThat(events).contains("T 2");
  }

  @Test
  void rejectsUnknownMessagesAndTruncatedInput() {
    PgOutputDecoder decoder = new PgOutputDecoder(new RecordingHandler());
    assertThatThrownBy(() -> decoder.decode(new byte[] {'Z'}, 0, 1))
        .isInstanceOf(PgOutputFormatException.class)
        .hasMessageContaining("unknown pgoutput message type 'Z'");
    assertThatThrownBy(() -> decoder.decode(new byte[] {'B', 0, 0}, 0, 3))
        .isInstanceOf(PgOutputFormatException.class)
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> decoder.decode(new byte[] {'I', 0, 0, 0, 9, 'N', 0, 0}, 0, 8))
        .isInstanceOf(PgOutputFormatException.class)
        .hasMessageContaining("before its Relation message");
  }

  private static List<String> rowEvents(List<String> events) {
    List<String> rows = new ArrayList<>();
    for (String e : events) {
      if (e.startsWith("I ") || e.startsWith("U ") || e.startsWith("D ")) {
        rows.add(e);
      }
    }
    return rows;
  }
}
