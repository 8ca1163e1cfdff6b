package io.serversidesync.runner.destination.salesforce.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.serversidesync.runner.destination.salesforce.describe.FieldDescription;
import io.serversidesync.runner.destination.salesforce.parent.ClearedLookup;
import io.serversidesync.runner.destination.salesforce.parent.ParentField;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void quotesWhatRfc4180RequiresAndNothingElse() {
    BulkCsv csv = BulkCsv.plain(List.of("Customer_Ref__c", "LastName", "Description"));
    assertThat(text(csv.header())).isEqualTo("Customer_Ref__c,LastName,Description\n");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", "C-1");
    fields.put("LastName", "O\"Brien, Jr.");
    fields.put("Description", "line one\nline two");
    assertThat(text(csv.row(fields))).isEqualTo("C-1,\"O\"\"Brien, Jr.\",\"line one\nline two\"\n");
  }

  @Test
  void nullsAreNaAbsentFieldsAreEmptyAndEmptyTextIsNull() {
    BulkCsv csv = BulkCsv.plain(List.of("Customer_Ref__c", "Email", "Phone", "Title"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Customer_Ref__c", "C-1");
    fields.put("Email", null);
    fields.put("Title", "");
    // Phone absent: left unchanged by Salesforce.
    assertThat(text(csv.row(fields))).isEqualTo("C-1,#N/A,,#N/A\n");
  }

  @Test
  void numbersAndBooleansAreWrittenPlainAndSpacesAreKept() {
    BulkCsv csv = BulkCsv.plain(List.of("A", "B", "C", "D"));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("A", new BigDecimal("1E+3"));
    fields.put("B", true);
    fields.put("C", 42L);
    fields.put("D", "  padded ");
    String row = text(csv.row(fields));
    assertThat(row).startsWith("1000,true,42,");
    assertThat(readBack("A,B,C,D\n" + row).get(0)).containsEntry("D", "  padded ");
  }

  @Test
  void everyValueSurvivesARoundTrip() {
    BulkCsv csv = BulkCsv.plain(List.of("K", "V"));
    String[] hard = {
      "a,b", "quote \" inside", "\"starts with quote", "cr\r\nlf", "tab\t", "é ü 漢字", "#hash"
    };
    StringBuilder file = new StringBuilder(text(csv.header()));
    for (int i = 0; i < hard.length; i++) {
      file.append(text(csv.row(Map.of("K", "k" + i, "V", hard[i]))));
    }
    List<Map<String, String>> rows = readBack(file.toString());
    for (int i = 0; i < hard.length; i++) {
      assertThat(rows.get(i)).containsEntry("K", "k" + i).containsEntry("V", hard[i]);
    }
  }

  @Test
  void resultFilesAreReadByHeaderNameWhateverTheColumnOrder() throws Exception {
    String successful =
        "\"sf__Created\",\"sf__Id\",\"Customer_Ref__c\",\"LastName\"\n"
            + "\"true\",\"003000000000001AAA\",\"C-2\",\"Ng\"\n"
            + "false,003000000000002AAA,C-1,Lee\n";
    List<Map<String, String>> rows = new ArrayList<>();
    BulkCsv.readResults(
        new ByteArrayInputStream(successful.getBytes(StandardCharsets.UTF_8)), rows::add);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("sf__Id", "003000000000001AAA")
        .containsEntry("sf__Created", "true")
        .containsEntry("Customer_Ref__c", "C-2");
  }

  @Test
  void columnsAreTheExternalIdThenEveryFieldInOrderSeen() {
    List<Map<String, Object>> records = new ArrayList<>();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("Customer_Ref__c", "C-1");
    first.put("LastName", "Ng");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("Customer_Ref__c", "C-2");
    second.put("Email", "x@example.com");
    second.put("LastName", "Lee");
    records.add(first);
    records.add(second);
    assertThat(BulkCsv.columnsOf("Customer_Ref__c", records))
        .extracting(BulkCsv.Column::header)
        .containsExactly("Customer_Ref__c", "LastName", "Email");
  }

  @Test
  void aLookupByParentKeyGetsTheRelationshipHeaderAndAClearedOneNa() {
    ParentField account =
        new ParentField(
            "AccountId",
            "Account",
            "Account",
            new FieldDescription(
                "Account_Ref__c",
                "Account Ref",
                "string",
                255,
                true,
                true,
                true,
                true,
                true,
                true,
                null),
            false);
    Map<String, Object> sets = new LinkedHashMap<>();
    sets.put("Customer_Ref__c", "C-1");
    sets.put("Account", account.value("A-17"));
    BulkCsv csv = new BulkCsv(BulkCsv.columnsOf("Customer_Ref__c", List.of(sets)));
    assertThat(new String(csv.header(), StandardCharsets.UTF_8))
        .isEqualTo("Customer_Ref__c,Account.Account_Ref__c\n");
    assertThat(new String(csv.row(sets), StandardCharsets.UTF_8)).isEqualTo("C-1,A-17\n");
    assertThat(BulkCsv.cell(new ClearedLookup(account))).isEqualTo("#N/A");
  }

  private static List<Map<String, String>> readBack(String csv) {
    List<Map<String, String>> rows = new ArrayList<>();
    try {
      BulkCsv.readResults(
          new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), rows::add);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }
}
