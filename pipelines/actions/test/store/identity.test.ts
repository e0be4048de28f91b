import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCustomersFile, parseCustomers, verifyIdentity } from '../../src/store/identity';
import { CUSTOMERS_FILE } from '../fixtures';

const customers = loadCustomersFile(CUSTOMERS_FILE);
const verify = (method: string, claims: Record<string, string>) => verifyIdentity(customers, { method, claims });

test('the demo customers file loads', () => {
  assert.ok(customers.length >= 3);
  assert.ok(customers.every((c) => c.customer_ref !== '' && c.dob !== undefined && c.pin !== undefined));
});

test('claims matching a customer verify, whatever their spacing and punctuation', () => {
  assert.deepEqual(verify('dob', { phone: '(415) 555-0101', dob: '1985-03-14' }), { ok: true, output: { verified: 'true', method: 'dob', customer_ref: 'C-1001' } });
  assert.equal(verify('pin', { customer_ref: 'c1002', pin: '8642' }).ok, true);
  assert.equal(verify('postcode', { email: 'Dana.Smith@example.co.uk', postcode: 'sw1a1aa' }).ok, true);
  assert.equal(verify('dob', { phone: '+86 13800138000', dob: '19920721', name: '王芳' }).ok, true);
});

test('a wrong secret, a wrong extra claim and an unknown customer are all rejected alike', () => {
  const rejected = { ok: false, reason: 'rejected', output: { verified: 'false', method: 'pin' } };
  assert.deepEqual(verify('pin', { customer_ref: 'C-1001', pin: '0000' }), rejected);
  assert.deepEqual(verify('pin', { customer_ref: 'C-1001', pin: '4321', name: 'Bob Martin' }), rejected);
  assert.deepEqual(verify('pin', { customer_ref: 'C-9999', pin: '4321' }), rejected);
});

test('an unknown method or a missing claim is invalid', () => {
  assert.deepEqual(verify('otp', { customer_ref: 'C-1001', otp: '123456' }), { ok: false, reason: 'invalid' });
  assert.deepEqual(verify('dob', { customer_ref: 'C-1001' }), { ok: false, reason: 'invalid' });
  assert.deepEqual(verify('dob', { dob: '1985-03-14' }), { ok: false, reason: 'invalid' }, 'no identifying claim');
});

test('customer data problems name the entry and key', () => {
  assert.throws(() => parseCustomers({ customers: [{ customer_ref: 'C-1', dob: '14/03/1985' }, { pin: '1' }, { customer_ref: 'c-1', shoe: 42 }] }, 'c.yaml'), (err: Error) => {
    assert.match(err.message, /c\.yaml: customers\[0\]\.dob: must be a date YYYY-MM-DD/);
    assert.match(err.message, /customers\[1\]\.customer_ref: required/);
    assert.match(err.message, /customers\[2\]\.shoe: unknown field/);
    assert.match(err.message, /customers\[2\]\.customer_ref: duplicate customer_ref/);
    assert.doesNotMatch(err.message, /14\/03/, 'values are not echoed');
    return true;
  });
  assert.throws(() => parseCustomers({ people: [] }, 'c.yaml'), /c\.yaml: must be a mapping with a list "customers"/);
});
