import { collapseBareAllOf } from './openapi';

describe('collapseBareAllOf', () => {
  it('turns a lone allOf of one $ref into the $ref, at any depth, and keeps an allOf that has siblings', () => {
    const ref = { $ref: '#/components/schemas/RoundKind' };
    const described = { description: 'The kind', allOf: [{ $ref: '#/components/schemas/RoundKind' }] };
    const document = {
      components: {
        schemas: {
          Round: { type: 'object', properties: { kind: { allOf: [ref] }, described, list: { type: 'array', items: { allOf: [ref] } } } },
          Pair: { allOf: [ref, { $ref: '#/components/schemas/Other' }] },
        },
      },
    };
    collapseBareAllOf(document);
    expect(document.components.schemas.Round.properties.kind).toEqual(ref);
    expect(document.components.schemas.Round.properties.list.items).toEqual(ref);
    expect(document.components.schemas.Round.properties.described).toEqual({
      description: 'The kind',
      allOf: [{ $ref: '#/components/schemas/RoundKind' }],
    });
    expect(document.components.schemas.Pair.allOf).toHaveLength(2);
  });
});
