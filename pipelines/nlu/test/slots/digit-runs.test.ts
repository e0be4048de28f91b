import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digitRuns } from '../../src/slots/digit-runs';

test('digit groups separated by spaces form one run; the letters said before it are kept', () => {
  assert.deepEqual(digitRuns('my number is 138 1234 5678 thanks'), [{ digits: '13812345678', lettersBefore: 'is' }]);
  assert.deepEqual(digitRuns('order s b 1 2 3 4'), [{ digits: '1234', lettersBefore: 'ordersb' }]);
  assert.deepEqual(digitRuns('订单号是sb12345678'), [{ digits: '12345678', lettersBefore: 'sb' }]);
  assert.deepEqual(digitRuns('at 3 then at 5'), [{ digits: '3', lettersBefore: 'at' }, { digits: '5', lettersBefore: 'at' }]);
  assert.deepEqual(digitRuns('no digits here'), []);
});
