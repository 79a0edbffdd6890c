// Package address checks destination addresses against the format of their
// network's family (EVM, Solana, Bitcoin, Tron, XRP, Stellar, Cardano, TON,
// Sui, Aptos, Injective, Avalanche X-Chain, Tezos), so a mistyped address is
// caught before a link token is made rather than by the end user inside Link.
//
// Families are named by Mesh's NetworkType values. The checks follow the
// families' own standards (EIP-55, BIP-173/350, SEP-23, CIP-19 …); the
// encodings they need (base58, bech32, StrKey, CRC16) are written here, small
// and without dependencies beyond Keccak-256.
//
// It knows nothing of Mesh's API and imports nothing of meshlink.
package address
