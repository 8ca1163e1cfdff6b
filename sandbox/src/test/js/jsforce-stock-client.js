// Drives the sandbox with jsforce, a widely used Salesforce client, exactly as an application
// would: client-credentials login, upsert by external id (sObject Collections and single record),
// SOQL with nextRecordsUrl paging, /limits. Prints one JSON summary line for the Java test.
'use strict';
const jsforce = require('jsforce');

async function main() {
  const url = process.env.SANDBOX_URL;
  const conn = new jsforce.Connection({
    oauth2: {
      clientId: process.env.SANDBOX_CLIENT_ID,
      clientSecret: process.env.SANDBOX_CLIENT_SECRET,
      loginUrl: url,
    },
    version: '64.0',
  });
  const user = await conn.authorize({ grant_type: 'client_credentials' });

  const records = [];
  for (let i = 0; i < 250; i++) {
    records.push({ Customer_Ref__c: `JS-${i}`, LastName: `Client ${i}`, Email: `c${i}@example.com` });
  }
  records.push({ Customer_Ref__c: 'JS-BAD', LastName: 'x'.repeat(81) });
  const upserted = await conn.sobject('Contact').upsert(records, 'Customer_Ref__c', { allowRecursive: true });
  const single = await conn.sobject('Contact').upsert({ Customer_Ref__c: 'JS-0', Title: 'Updated' }, 'Customer_Ref__c');

  const soql = "SELECT Id, Customer_Ref__c, SystemModstamp FROM Contact WHERE SystemModstamp > 2000-01-01T00:00:00Z ORDER BY SystemModstamp, Id";
  const result = await conn.query(soql).execute({
    autoFetch: true,
    maxFetch: 10000,
    headers: { 'Sforce-Query-Options': 'batchSize=200' },
  });
  const limits = await conn.limits();

  console.log(JSON.stringify({
    organizationId: user.organizationId,
    userId: user.id,
    upserted: upserted.length,
    created: upserted.filter((r) => r.success && r.created).length,
    failedCodes: upserted.filter((r) => !r.success).map((r) => r.errors[0].statusCode),
    singleSuccess: single.success,
    singleCreated: single.created,
    queried: result.records.length,
    totalSize: result.totalSize,
    firstRecordType: result.records[0].attributes.type,
    dailyApiRequests: limits.DailyApiRequests,
    apiUsage: conn.limitInfo.apiUsage,
  }));
}

main().catch((err) => {
  console.error(`jsforce failed: ${err.name}: ${err.message}`);
  process.exit(1);
});
