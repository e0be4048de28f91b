import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClickHouseError } from '@clickhouse/client';
import { clickHouseErrorText } from '../../src/clickhouse/error-text';

void test('server errors are logged as code and type only (their message may quote row data)', () => {
  const err = new ClickHouseError({ message: "Cannot parse input: expected '\\t' before: '+8613800000000'", code: '27', type: 'CANNOT_PARSE_INPUT_ASSERTION_FAILED' });
  assert.equal(clickHouseErrorText(err), 'ClickHouse error 27 (CANNOT_PARSE_INPUT_ASSERTION_FAILED)');
});

void test('transport errors keep their message', () => {
  const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  assert.equal(clickHouseErrorText(err), 'connect ECONNREFUSED 127.0.0.1:1');
});
