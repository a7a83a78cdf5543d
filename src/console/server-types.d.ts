// Checking the console also checks the server modules behind the router type, under the DOM library instead of
// the Workers one: these are the Workers additions to Web Crypto they use, which the DOM library lacks.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
  verify(
    algorithm: string | Algorithm,
    key: CryptoKey,
    signature: ArrayBuffer | ArrayBufferView,
    data: ArrayBuffer | ArrayBufferView,
  ): Promise<boolean>;
}
