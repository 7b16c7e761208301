import type { OpenAPIObject } from '@nestjs/swagger';
import { collapseBareAllOf, typeNullableEnumRefs } from './openapi';

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

describe('typeNullableEnumRefs', () => {
  it("gives a nullable reference to a named enum the enum's type, and leaves other references alone", () => {
    const nullableEnum = { nullable: true, allOf: [{ $ref: '#/components/schemas/Recommendation' }] };
    const nullableClass = { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Interval' }] };
    const plainEnum = { $ref: '#/components/schemas/Recommendation' };
    const document = {
      paths: {},
      components: {
        schemas: {
          Recommendation: { type: 'string', enum: ['strong_no', 'no', 'yes', 'strong_yes'] },
          Interval: { type: 'object', properties: { low: { type: 'number' } } },
          Card: { type: 'object', properties: { recommendation: nullableEnum, interval: nullableClass, final: plainEnum } },
        },
      },
    };
    typeNullableEnumRefs(document as unknown as OpenAPIObject);
    expect(document.components.schemas.Card.properties.recommendation).toEqual({
      nullable: true,
      type: 'string',
      allOf: [{ $ref: '#/components/schemas/Recommendation' }],
    });
    expect(document.components.schemas.Card.properties.interval).toEqual({
      nullable: true,
      type: 'object',
      allOf: [{ $ref: '#/components/schemas/Interval' }],
    });
    expect(document.components.schemas.Card.properties.final).toEqual(plainEnum);
  });
});
