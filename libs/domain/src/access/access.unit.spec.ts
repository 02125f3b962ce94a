import { isRole, isWithinScope, NO_UNITS, WHOLE_TREE, writeScopeOf, type WriteScope } from './access.js';

describe('isWithinScope', () => {
  const qk2: WriteScope = { kind: 'subtree', unitId: 'qk2' };

  it('covers the scope unit itself and every unit below it', () => {
    expect(isWithinScope(qk2, 'qk2', [])).toBe(true);
    expect(isWithinScope(qk2, 'lam-binh', ['tuyen-quang', 'qk2', 'central'])).toBe(true);
  });

  it('refuses a unit outside the subtree, including an ancestor of the scope unit', () => {
    expect(isWithinScope(qk2, 'ha-noi', ['central'])).toBe(false);
    expect(isWithinScope(qk2, 'central', [])).toBe(false);
  });

  it('refuses tree-wide targets to a subtree and allows everything to the whole tree', () => {
    expect(isWithinScope(qk2, null, [])).toBe(false);
    expect(isWithinScope(WHOLE_TREE, null, [])).toBe(true);
    expect(isWithinScope(WHOLE_TREE, 'ha-noi', ['central'])).toBe(true);
  });
});

describe('isRole', () => {
  it('knows the four roles of API.md and nothing else', () => {
    expect(['admin', 'officer', 'auditor', 'reader'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe('writeScopeOf', () => {
  it('gives admins the whole tree, officers their subtree and the other roles nothing', () => {
    expect(writeScopeOf('admin', undefined)).toEqual(WHOLE_TREE);
    expect(writeScopeOf('officer', 'qk2')).toEqual({ kind: 'subtree', unitId: 'qk2' });
    expect(writeScopeOf('officer', undefined)).toEqual(NO_UNITS);
    expect(writeScopeOf('auditor', 'qk2')).toEqual(NO_UNITS);
    expect(isWithinScope(writeScopeOf('reader', 'qk2'), 'qk2', [])).toBe(false);
  });
});
