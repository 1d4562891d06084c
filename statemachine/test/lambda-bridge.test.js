'use strict';

// The bridge of lib/run-execution.js: a lambda:invoke Task calls Lambda's Invoke API through the SDK's Lambda client
// and turns its answer into what Step Functions' lambda:invoke integration gives. Here the Invoke API is a loopback
// server answering as Lambda does.

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const virtualTime = require('../lib/virtual-time');
const { invokeLambda, localLambdaClient, lambdaInvokeHandlers, LOCAL_TIME_KEY } = require('../lib/run-execution');

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:list-tokens';
const ERROR = '{"errorMessage":"\\"userName\\" is required","errorType":"dev.offboarding.errors.InvalidRequestException",'
  + '"stackTrace":["dev.offboarding.json.RequestReader.read(RequestReader.java:42)"]}';

/** A loopback Invoke API: answer(request, body) gives [status, headers, body]; every request is recorded. */
async function lambda(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, headers, text] = answer(req, body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'r-1', ...headers });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  return {
    client: localLambdaClient(endpoint),
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

test('a success is {ExecutedVersion, Payload, StatusCode}, the payload parsed, after one Invoke as the Task says', async (t) => {
  const fn = await lambda(() => [200, { 'X-Amz-Executed-Version': '$LATEST' }, '{"userName":"bob","items":[]}']);
  t.after(fn.close);

  const result = await invokeLambda(fn.client, { FunctionName: ARN, Payload: { userName: 'bob' } });

  assert.deepEqual(result, { ExecutedVersion: '$LATEST', Payload: { userName: 'bob', items: [] }, StatusCode: 200 });
  assert.equal(fn.requests.length, 1);
  assert.equal(fn.requests[0].method, 'POST');
  assert.equal(decodeURIComponent(fn.requests[0].url), `/2015-03-31/functions/${ARN}/invocations`);
  assert.deepEqual(JSON.parse(fn.requests[0].body), { userName: 'bob' });
});

test('a qualifier goes to Invoke as Lambda takes it', async (t) => {
  const fn = await lambda(() => [200, { 'X-Amz-Executed-Version': '7' }, '{}']);
  t.after(fn.close);

  const result = await invokeLambda(fn.client, { FunctionName: 'list-tokens', Qualifier: 'live', Payload: {} });

  assert.equal(result.ExecutedVersion, '7');
  assert.equal(fn.requests[0].url, '/2015-03-31/functions/list-tokens/invocations?Qualifier=live');
});

test('a function error is a task error: Error is the errorType, Cause the error payload exactly', async (t) => {
  const fn = await lambda(() => [200, { 'X-Amz-Function-Error': 'Unhandled' }, ERROR]);
  t.after(fn.close);

  await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN, Payload: {} }), (e) => {
    assert.equal(e.name, 'dev.offboarding.errors.InvalidRequestException');
    assert.equal(e.message, ERROR);
    return true;
  });
});

test('a function error without an errorType is Lambda.Unknown', async (t) => {
  const fn = await lambda(() => [200, { 'X-Amz-Function-Error': 'Unhandled' },
    '{"errorMessage":"Task timed out after 3.00 seconds"}']);
  t.after(fn.close);

  await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN }), { name: 'Lambda.Unknown' });
});

test('an unknown function is Lambda.ResourceNotFoundException with Lambda\'s message', async (t) => {
  const fn = await lambda(() => [404, { 'x-amzn-ErrorType': 'ResourceNotFoundException' },
    `{"Type":"User","Message":"Function not found: ${ARN}"}`]);
  t.after(fn.close);

  await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN }), (e) => {
    assert.equal(e.name, 'Lambda.ResourceNotFoundException');
    assert.match(e.message, /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:list-tokens /);
    return true;
  });
  assert.equal(fn.requests.length, 1, 'the client itself does not retry: the definition\'s Retry does');
});

test('a service error is Lambda.<its name>, once', async (t) => {
  const fn = await lambda(() => [500, { 'x-amzn-ErrorType': 'ServiceException' }, '{"Type":"Service","Message":"boom"}']);
  t.after(fn.close);

  await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN }), { name: 'Lambda.ServiceException' });
  assert.equal(fn.requests.length, 1);
});

test('no answer at all is Lambda.SdkClientException', async () => {
  const fn = await lambda(() => [200, {}, '{}']);
  await fn.close();

  await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN }), { name: 'Lambda.SdkClientException' });
});

test('a local run needs AWS_ENDPOINT_URL_LAMBDA: it never falls back to AWS', () => {
  assert.throws(() => localLambdaClient(''), /AWS_ENDPOINT_URL_LAMBDA is not set/);
});

test('a Task handler reports the error it threw for the retry line, and the retry with its attempt', async (t) => {
  let calls = 0;
  const fn = await lambda(() => (++calls === 1 ? [200, { 'X-Amz-Function-Error': 'Unhandled' }, ERROR]
    : [200, { 'X-Amz-Executed-Version': '$LATEST' }, '{"ok":true}']));
  t.after(fn.close);
  const invocations = [];
  const printed = [];
  const handlers = lambdaInvokeHandlers({ States: { ListTokens: { Type: 'Task' }, Done: { Type: 'Succeed' } } },
    fn.client, invocations, (line) => printed.push(line));
  assert.deepEqual(Object.keys(handlers), ['ListTokens']);

  await assert.rejects(handlers.ListTokens({ FunctionName: ARN, Payload: {} }));
  const result = await handlers.ListTokens({ FunctionName: ARN, Payload: {} });

  assert.deepEqual(result.Payload, { ok: true });
  assert.equal(invocations[0].threw, 'dev.offboarding.errors.InvalidRequestException');
  assert.equal(invocations[1].threw, null);
  assert.equal(printed.length, 1);
  assert.equal(printed[0].type, 'StateRetried');
  assert.equal(printed[0].state, 'ListTokens');
  assert.equal(printed[0].attempt, 1);
  assert.equal(printed[0].error, 'dev.offboarding.errors.InvalidRequestException');
});

test('with a logical time, the Invoke carries it in its ClientContext, beside what the Task put there', async (t) => {
  const fn = await lambda(() => [200, { 'X-Amz-Executed-Version': '$LATEST' }, '{}']);
  t.after(fn.close);
  const own = Buffer.from(JSON.stringify({ client: { app_title: 'pipeline' }, custom: { team: 'qa' } })).toString('base64');

  await invokeLambda(fn.client, { FunctionName: ARN, Payload: {} }, '2026-11-20T12:00:01.250Z');
  await invokeLambda(fn.client, { FunctionName: ARN, ClientContext: own, Payload: {} }, '2026-11-20T12:00:02.000Z');
  await invokeLambda(fn.client, { FunctionName: ARN, Payload: {} });

  const contexts = fn.requests.map((r) => r.headers['x-amz-client-context']);
  assert.deepEqual(JSON.parse(Buffer.from(contexts[0], 'base64').toString('utf8')),
    { custom: { [LOCAL_TIME_KEY]: '2026-11-20T12:00:01.250Z' } });
  assert.deepEqual(JSON.parse(Buffer.from(contexts[1], 'base64').toString('utf8')),
    { client: { app_title: 'pipeline' }, custom: { team: 'qa', [LOCAL_TIME_KEY]: '2026-11-20T12:00:02.000Z' } });
  assert.equal(contexts[2], undefined, 'on the real clock the Invoke is the Task\'s own');
});

test('a retry line gives the pause to the millisecond', async (t) => {
  let calls = 0;
  const fn = await lambda(() => (++calls === 1 ? [200, { 'X-Amz-Function-Error': 'Unhandled' }, ERROR]
    : [200, { 'X-Amz-Executed-Version': '$LATEST' }, '{}']));
  t.after(fn.close);
  const clock = virtualTime.install({ start: Date.parse('2026-11-20T12:00:00Z'), seed: 1 });
  t.after(clock.uninstall);
  const invocations = [];
  const printed = [];
  const handlers = lambdaInvokeHandlers({ States: { ListTokens: { Type: 'Task' } } }, fn.client, invocations,
    (line) => printed.push(line), clock);

  await assert.rejects(handlers.ListTokens({ FunctionName: ARN, Payload: {} }));
  invocations[0].endedAt -= 1234;
  await handlers.ListTokens({ FunctionName: ARN, Payload: {} });

  assert.equal(printed[0].waitedSeconds, 1.234);
  assert.equal(printed[0].at, '2026-11-20T12:00:00.000Z');
  assert.equal(JSON.parse(Buffer.from(fn.requests[1].headers['x-amz-client-context'], 'base64').toString('utf8'))
    .custom[LOCAL_TIME_KEY], '2026-11-20T12:00:00.000Z', 'each invocation is told the engine\'s time');
});

test('with a logical time, a Task\'s ClientContext that is no base64 JSON object fails before any Invoke', async (t) => {
  const fn = await lambda(() => [200, {}, '{}']);
  t.after(fn.close);

  for (const given of ['not base64 json', Buffer.from('[1]').toString('base64'),
    Buffer.from('{"custom": "x"}').toString('base64')]) {
    await assert.rejects(invokeLambda(fn.client, { FunctionName: ARN, ClientContext: given, Payload: {} },
      '2026-11-20T12:00:00.000Z'), { name: 'Lambda.InvalidRequestContentException' }, given);
  }
  await invokeLambda(fn.client, { FunctionName: ARN, ClientContext: Buffer.from('{"custom": null}').toString('base64'),
    Payload: {} }, '2026-11-20T12:00:00.000Z');
  assert.equal(fn.requests.length, 1, 'only the one with a readable ClientContext was sent');
  assert.deepEqual(JSON.parse(Buffer.from(fn.requests[0].headers['x-amz-client-context'], 'base64').toString('utf8')),
    { custom: { [LOCAL_TIME_KEY]: '2026-11-20T12:00:00.000Z' } });
});
