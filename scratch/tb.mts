import { nativeApp } from '/work/wt/ops/test/http/native/native-app.ts'
import { nativeValidatorCompiler } from '/work/wt/ops/src/http/native/validation.ts'
import { Type } from '@sinclair/typebox'
const v = nativeValidatorCompiler({ schema: Type.Object({ name: Type.String({ maxLength: 3 }), s: Type.Union([Type.Literal('a'), Type.Literal('b')]), tags: Type.Array(Type.String({minLength:1})) }, { additionalProperties: false }), httpPart: 'body', method: 'POST', url: '/' } as any)
console.log(JSON.stringify((v as any)({ name: 'abcdef', s: 'c', tags: [''], x: 1 }).error, null, 1).slice(0, 3000))
