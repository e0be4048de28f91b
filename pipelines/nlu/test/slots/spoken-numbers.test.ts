import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chineseNumeric } from '../../src/slots/spoken-numbers-zh';
import { englishNumeric } from '../../src/slots/spoken-numbers-en';

test('English number words become digits', () => {
  const table: readonly [string, string][] = [
    ['one two three four', '1 2 3 4'],
    ['zero nine', '0 9'],
    ['double five triple seven', '55 777'],
    ['three oh five', '3 05'],
    ['five two oh', '5 2 0'],
    ['oh no', 'oh no'],
    ['twenty five', '25'],
    ['nineteen eighty four', '19 84'],
    ['eight hundred', '800'],
    ['three hundred and twelve', '312'],
    ['two hundred twenty', '220'],
    ['three hundred and five', '305'],
    ['eight hundred five five five', '800 5 5 5'],
    ['three thousand', '3000'],
    ['twenty fifth of may', '25th of may'],
    ['the second of june', 'the 2nd of june'],
    ['may second', 'may 2nd'],
    ['wait a second', 'wait a second'],
    ['the first', 'the 1st'],
    ['eleventh', '11th'],
    ['i want a refund', 'i want a refund'],
  ];
  for (const [spoken, expected] of table) assert.equal(englishNumeric(spoken), expected, spoken);
});

test('Chinese numerals: digit by digit without place values, as numbers with them', () => {
  const table: readonly [string, string][] = [
    ['幺三八', '138'],
    ['一二三四五六七八', '12345678'],
    ['零零七', '007'],
    ['洞洞拐', '00拐'],
    ['二十三号', '23号'],
    ['十一月', '11月'],
    ['十点半', '10点半'],
    ['一百零五', '105'],
    ['三万五千', '35000'],
    ['两点', '2点'],
    ['星期一', '星期1'],
    ['山洞', '山洞'],
    ['我要退款', '我要退款'],
  ];
  for (const [spoken, expected] of table) assert.equal(chineseNumeric(spoken), expected, spoken);
});
